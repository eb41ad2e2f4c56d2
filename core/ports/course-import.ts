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

/** What the person importing has explicitly agreed to lose. */
export interface ImportOptions {
  /** Remove lessons, quizzes, questions and exercises with learner data that the package dropped. */
  allowRemovingLessons?: boolean;
  /** The package is a different course taking over the slug: replace the stored one whole. */
  replace?: boolean;
}

/** A piece of stored content the package no longer has, on which learners have rows. */
export interface ContentLoss {
  kind: "lesson" | "quiz" | "question" | "exercise";
  /** Key of the lesson it belongs to (its own key for a lesson). */
  lessonKey: string;
  key: string;
  /** Learners with progress, attempts, answers, review items or exercise results on it. */
  learnerIds: string[];
}

/** How a package compares with the stored course of the same slug. */
export interface ImportImpact {
  storedTitle: string;
  /** True when at least one lesson key of the package is a lesson of the stored course. */
  sharesLessonKeys: boolean;
  /** Content that saving would delete together with learners' rows (cascades). */
  losses: ContentLoss[];
}

/** Writes parsed courses; implemented on Prisma in prisma/store/course-import.ts. */
export interface CourseImportStore {
  /**
   * Creates or updates the course in ONE transaction, matching rows by their stable keys so
   * that enrollments, progress and answers of learners survive; lessons no longer in the
   * package are removed. Throws, writing nothing, when `options` do not allow the losses.
   */
  saveCourse(course: CoursePackage, options?: ImportOptions): Promise<ImportOutcome>;
  /** What saving would change for learners of the stored course, or null when there is none. */
  impactOf(course: CoursePackage): Promise<ImportImpact | null>;
  /** The package format of the stored course with this slug, or null when there is none. */
  formatOf(slug: string): Promise<string | null>;
  /** How many courses exist (the demo catalog is seeded only into an empty catalog). */
  countCourses(): Promise<number>;
}
