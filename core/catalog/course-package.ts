/**
 * A course package after parsing: everything the importer writes, independent of the format
 * it came from. Keys are stable across re-imports so that learner progress survives them.
 */

/** Question types StudyHall grades. */
export type QuestionType = "single" | "multiple" | "truefalse" | "short" | "numeric";

/** Package formats the importer understands. */
export type PackageFormat = "studyhall" | "carpentries";

/** Course levels. */
export const LEVELS = ["beginner", "intermediate", "advanced"] as const;

/** One of {@link LEVELS}. */
export type Level = (typeof LEVELS)[number];

/** A quiz question in the stored shape (see the Question model). */
export interface QuestionSpec {
  key: string;
  type: QuestionType;
  /** Plain text. */
  prompt: string;
  /** Option texts; for "truefalse" always ["True", "False"]. */
  options: string[];
  /** Option indexes (choice types), accepted strings ("short") or the value ("numeric"). */
  correct: number[] | string[] | number;
  tolerance: number | null;
  explanation: string;
}

/** The quiz after a lesson. */
export interface QuizSpec {
  key: string;
  passPercent: number;
  questions: QuestionSpec[];
}

/** A practice challenge: a prompt and, when the package has one, a solution (Markdown). */
export interface ExerciseSpec {
  key: string;
  title: string;
  prompt: string;
  solution: string | null;
}

/** A lesson: metadata, its bite-sized parts, exercises and quiz. */
export interface LessonSpec {
  key: string;
  title: string;
  objectives: string[];
  keyPoints: string[];
  estimatedMinutes: number;
  discussionPrompt: string | null;
  /** Markdown, one chat screen each. */
  parts: string[];
  exercises: ExerciseSpec[];
  quiz: QuizSpec | null;
}

/** A platform identity of an instructor, recognised when that person first messages the bot. */
export interface InstructorIdentity {
  platform: "telegram" | "discord" | "slack" | "web";
  externalId: string;
}

/** How a learner completes the course (stored as Course.completionRule JSON). */
export interface CompletionRule {
  lessons: "all";
  quizPassPercent: number;
  finalExam: boolean;
}

/** A whole course ready to be written. */
export interface CoursePackage {
  format: PackageFormat;
  slug: string;
  title: string;
  summary: string;
  description: string;
  level: Level;
  topics: string[];
  language: string;
  instructorName: string;
  instructorIdentities: InstructorIdentity[];
  estimatedMinutes: number;
  completionRule: CompletionRule;
  attribution: string | null;
  license: string | null;
  sourceUrl: string | null;
  lessons: LessonSpec[];
  /** sha256 of everything above, so an unchanged re-import can be recognised. */
  contentHash: string;
}
