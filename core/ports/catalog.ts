/**
 * The published catalog as the learning core reads it: course listings, full course content
 * (cached in memory by the core), ratings and product analytics.
 */

/** Question types StudyHall grades. */
export type QuestionKind = "single" | "multiple" | "truefalse" | "short" | "numeric";

/** A course as listed and searched: no lesson content. */
export interface CourseListing {
  id: string;
  slug: string;
  title: string;
  summary: string;
  level: string;
  language: string;
  topics: string[];
  instructorName: string;
  estimatedMinutes: number;
  lessonCount: number;
  /** Changes whenever the course is re-imported; the content cache compares it. */
  contentHash: string;
}

/** What a learner must do to complete a course (Course.completionRule). */
export interface CompletionRule {
  /** "all": every lesson must be complete. */
  lessons: "all";
  /** Lowest score, in percent, every lesson quiz must reach. */
  quizPassPercent: number;
  /** Whether the course's final quiz must be passed too. */
  finalExam: boolean;
}

/** A quiz question with its answer key. */
export interface QuestionContent {
  id: string;
  key: string;
  type: QuestionKind;
  prompt: string;
  options: string[];
  /** Option indexes for choice types, accepted strings for "short", the value for "numeric". */
  correct: number[] | string[] | number;
  tolerance: number | null;
  explanation: string;
}

/** A lesson quiz or the final exam, questions in order. */
export interface QuizContent {
  id: string;
  key: string;
  kind: "lesson" | "final";
  passPercent: number;
  lessonId: string | null;
  questions: QuestionContent[];
}

/** A practice challenge. */
export interface ExerciseContent {
  id: string;
  key: string;
  title: string;
  prompt: string;
  solution: string | null;
}

/** A lesson with its bite-sized parts (Markdown), exercises and quiz. */
export interface LessonContent {
  id: string;
  key: string;
  title: string;
  objectives: string[];
  keyPoints: string[];
  estimatedMinutes: number;
  parts: string[];
  exercises: ExerciseContent[];
  quiz: QuizContent | null;
}

/** A whole course, lessons in order. */
export interface CourseContent extends CourseListing {
  description: string;
  completionRule: CompletionRule;
  attribution: string | null;
  license: string | null;
  sourceUrl: string | null;
  lessons: LessonContent[];
  finalQuiz: QuizContent | null;
}

/** One published review, for the course card. */
export interface ReviewView {
  rating: number;
  text: string;
  learnerName: string;
  verified: boolean;
  updatedAt: Date;
}

/** Average rating, number of ratings and the latest reviews with text. */
export interface RatingSummary {
  average: number | null;
  count: number;
  recent: ReviewView[];
}

/** Read access to the catalog plus the analytics events the catalog commands record. */
export interface CatalogStore {
  /** Every published course, by title. */
  listCourses(): Promise<CourseListing[]>;
  /** The content hash of a course, or null when it no longer exists; cheap, for cache checks. */
  contentVersion(courseId: string): Promise<string | null>;
  /** A course with all its content, or null. */
  loadCourse(courseId: string): Promise<CourseContent | null>;
  /** The course a quiz belongs to, or null. */
  courseOfQuiz(quizId: string): Promise<string | null>;
  /** Ratings of a course with up to `recent` latest reviews that have text. */
  ratingSummary(courseId: string, recent: number): Promise<RatingSummary>;
  /** Records a product analytics event ("search", "search_click", "course_view", ...). */
  recordEvent(event: AnalyticsEventInput): Promise<void>;
}

/** A product analytics event. */
export interface AnalyticsEventInput {
  name: string;
  learnerId?: string;
  courseId?: string;
  props?: Record<string, string | number | boolean>;
  at: Date;
}
