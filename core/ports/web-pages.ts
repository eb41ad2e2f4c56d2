import type { CertificateClaims } from "../learning/certificate-signature.js";

/**
 * Read models of the public web pages: the course catalog, a course card and a certificate.
 * They are shaped for display only; the learning core keeps its own ports for studying.
 */

/** A course as one row of the catalog page. */
export interface CatalogEntry {
  slug: string;
  title: string;
  summary: string;
  level: string;
  language: string;
  topics: string[];
  estimatedMinutes: number;
  lessonCount: number;
  /** Average rating (1 to 5), null before the first rating. */
  rating: number | null;
  ratingCount: number;
}

/** One lesson in a course's syllabus. */
export interface SyllabusLesson {
  title: string;
  objectives: string[];
  estimatedMinutes: number;
}

/** One module of the syllabus; lessons outside any module sit in a module with a null title. */
export interface SyllabusModule {
  title: string | null;
  lessons: SyllabusLesson[];
}

/** A published review as shown on the course card. */
export interface CourseReviewView {
  rating: number;
  text: string;
  learnerName: string;
  verified: boolean;
  date: Date;
}

/** Everything the course card page shows. */
export interface CoursePage extends CatalogEntry {
  id: string;
  description: string;
  instructorName: string;
  syllabus: SyllabusModule[];
  reviews: CourseReviewView[];
  attribution: string | null;
  license: string | null;
  sourceUrl: string | null;
}

/** A certificate as its public verification page shows it. */
export interface CertificatePage extends CertificateClaims {
  signature: string;
  revokedAt: Date | null;
  revokedReason: string | null;
  attribution: string | null;
  license: string | null;
  sourceUrl: string | null;
}

/** Read access for the public pages. */
export interface WebPageStore {
  /** Published courses whose title, summary, topics or instructor contain `query` (any case). */
  listCourses(query?: string): Promise<CatalogEntry[]>;
  /** The card of a published course, or null when no such slug exists. */
  findCourse(slug: string): Promise<CoursePage | null>;
  /** A certificate by its public id, or null. */
  findCertificate(id: string): Promise<CertificatePage | null>;
  /** Records a page view, catalog search or search click for the product numbers. */
  recordPageEvent(event: PageEvent): Promise<void>;
}

/** An analytics event raised by a public page; `via` is always "web_page". */
export interface PageEvent {
  name: "course_view" | "search" | "search_click";
  courseId?: string;
  props?: Record<string, string | number>;
  at: Date;
}
