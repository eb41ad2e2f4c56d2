/** Certificates of completion and the key that signs them. */

/** A certificate as stored; `signature` covers the canonical credential (see sign-certificate). */
export interface CertificateRecord {
  id: string;
  learnerId: string;
  courseId: string;
  courseSlug: string;
  learnerName: string;
  courseTitle: string;
  issuer: string;
  issuedAt: Date;
  signature: string;
  revokedAt: Date | null;
}

/** Persistence of certificates; one per learner and course. */
export interface CertificateStore {
  /** The certificate a learner holds for a course, or null. */
  findForCourse(learnerId: string, courseId: string): Promise<CertificateRecord | null>;
  /** A certificate by its public id, or null. */
  findById(id: string): Promise<CertificateRecord | null>;
  /** The learner's certificates, newest first. */
  listForLearner(learnerId: string): Promise<CertificateRecord[]>;
  /**
   * Stores a new certificate; when the learner already holds one for the course (a race),
   * returns that one instead.
   */
  issue(certificate: Omit<CertificateRecord, "revokedAt">): Promise<CertificateRecord>;
}

/** Signs certificate payloads with the issuer's private key. */
export interface CertificateSigner {
  /** Ed25519 signature of `payload`, base64url. */
  sign(payload: string): string;
  /** The matching public key (SPKI PEM), published for verification. */
  publicKeyPem: string;
}
