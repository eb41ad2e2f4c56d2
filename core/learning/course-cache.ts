import type { CatalogStore, CourseContent, CourseListing } from "../ports/catalog.js";

/** How long cached catalog data is trusted before its version is checked again. */
const CHECK_INTERVAL_MS = 2_000;

/**
 * Course content kept in memory so that the quiz-answer hot path reads no lesson rows.
 * Entries are re-validated against the course's content version at most every two seconds,
 * so a re-import shows up within that time in every process.
 */
export interface CourseCache {
  /** Every published course (cached listing). */
  listings(): Promise<CourseListing[]>;
  /** A course by slug (case-insensitive) or id, or null. */
  findCourse(slugOrId: string): Promise<CourseContent | null>;
  /** A course by id, or null. */
  course(courseId: string): Promise<CourseContent | null>;
  /** The course a quiz belongs to, or null. */
  courseOfQuiz(quizId: string): Promise<CourseContent | null>;
}

interface Entry {
  content: CourseContent;
  checkedAt: number;
}

/**
 * Builds a {@link CourseCache} over a {@link CatalogStore}; `checkIntervalMs` is how long an
 * entry is trusted before its version is compared again.
 */
export function createCourseCache(
  catalog: CatalogStore,
  checkIntervalMs = CHECK_INTERVAL_MS,
): CourseCache {
  const entries = new Map<string, Entry>();
  const loading = new Map<string, Promise<CourseContent | null>>();
  const quizCourse = new Map<string, string>();
  let listing: { rows: CourseListing[]; checkedAt: number } | undefined;

  async function load(courseId: string): Promise<CourseContent | null> {
    const content = await catalog.loadCourse(courseId);
    if (!content) {
      entries.delete(courseId);
      return null;
    }
    entries.set(courseId, { content, checkedAt: Date.now() });
    for (const lesson of content.lessons) if (lesson.quiz) quizCourse.set(lesson.quiz.id, courseId);
    if (content.finalQuiz) quizCourse.set(content.finalQuiz.id, courseId);
    return content;
  }

  async function revalidate(courseId: string, entry: Entry): Promise<CourseContent | null> {
    const version = await catalog.contentVersion(courseId);
    if (version === entry.content.contentHash) {
      entry.checkedAt = Date.now();
      return entry.content;
    }
    return load(courseId);
  }

  function course(courseId: string): Promise<CourseContent | null> {
    const entry = entries.get(courseId);
    if (entry && Date.now() - entry.checkedAt < checkIntervalMs) {
      return Promise.resolve(entry.content);
    }
    // Many learners asking at once share one load.
    const inFlight = loading.get(courseId);
    if (inFlight) return inFlight;
    const promise = (entry ? revalidate(courseId, entry) : load(courseId)).finally(() =>
      loading.delete(courseId),
    );
    loading.set(courseId, promise);
    return promise;
  }

  async function listings(): Promise<CourseListing[]> {
    if (listing && Date.now() - listing.checkedAt < checkIntervalMs) return listing.rows;
    const rows = await catalog.listCourses();
    listing = { rows, checkedAt: Date.now() };
    return rows;
  }

  return {
    listings,
    course,
    async findCourse(slugOrId) {
      const wanted = slugOrId.trim().toLowerCase();
      const rows = await listings();
      const match = rows.find((row) => row.slug.toLowerCase() === wanted || row.id === slugOrId);
      return match ? course(match.id) : null;
    },
    async courseOfQuiz(quizId) {
      const known = quizCourse.get(quizId) ?? (await catalog.courseOfQuiz(quizId));
      return known ? course(known) : null;
    },
  };
}
