import type { CoursePackage } from "../catalog/course-package.js";

/** How much of a course was written. */
export interface ImportCounts {
  lessons: number;
  parts: number;
  exercises: number;
  questions: number;
}

/** What importing one course did. */
export interface ImportOutcome {
  slug: string;
  title: string;
  /** "unchanged" when the stored content hash already matched and nothing was written. */
  status: "created" | "updated" | "unchanged";
  counts: ImportCounts;
  /** Keys of lessons that were in the database but not in the package, now removed. */
  removedLessons: string[];
}

/** Writes parsed courses; implemented on Prisma in prisma/store/course-import.ts. */
export interface CourseImportStore {
  /**
   * Creates or updates the course in ONE transaction, matching rows by their stable keys so
   * that enrollments, progress and answers of learners survive; lessons no longer in the
   * package are removed.
   */
  saveCourse(course: CoursePackage): Promise<ImportOutcome>;
  /** The package format of the stored course with this slug, or null when there is none. */
  formatOf(slug: string): Promise<string | null>;
  /** How many courses exist (the demo catalog is seeded only into an empty catalog). */
  countCourses(): Promise<number>;
}
