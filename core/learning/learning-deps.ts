import type { AccountStore } from "../ports/accounts.js";
import type { CatalogStore } from "../ports/catalog.js";
import type { CertificateSigner, CertificateStore } from "../ports/certificates.js";
import type { LearningStore } from "../ports/learning.js";
import { type ActivityTracker, createActivityTracker } from "./activity.js";
import { type CourseCache, createCourseCache } from "./course-cache.js";

/** The ports and settings the learning features are built from (wired in app/compose.ts). */
export interface LearningPorts {
  catalog: CatalogStore;
  learning: LearningStore;
  certificates: CertificateStore;
  signer: CertificateSigner;
  accounts: AccountStore;
  /** Base URL of the public web pages, without a trailing slash. */
  publicUrl: string;
  /** Issuer named on certificates. */
  issuer: string;
}

/** Everything a learning flow uses: the ports plus the shared in-memory caches. */
export interface LearningDeps extends LearningPorts {
  courses: CourseCache;
  activity: ActivityTracker;
}

/** Builds the learning dependencies once per process (the caches live as long as it does). */
export function createLearningDeps(ports: LearningPorts): LearningDeps {
  return {
    ...ports,
    courses: createCourseCache(ports.catalog),
    activity: createActivityTracker(ports.learning),
  };
}

/** The public URL of a certificate's verification page. */
export function certificateUrl(deps: LearningDeps, certificateId: string): string {
  return `${deps.publicUrl}/certificates/${certificateId}`;
}
