/**
 * A learner's study state: enrollments, per-lesson progress, exercise results, quiz attempts
 * and answers, spaced-repetition items, streaks, course reviews and feedback.
 */

/** An enrollment of a learner in a course. */
export interface EnrollmentRecord {
  id: string;
  learnerId: string;
  courseId: string;
  /** "active", "completed" or "dropped". */
  status: string;
  enrolledAt: Date;
  completedAt: Date | null;
  lastActivityAt: Date;
  /** Key of the lesson the learner is on; null before the first part. */
  currentLesson: string | null;
  /** Parts of the current lesson seen so far. */
  currentPart: number;
}

/** Progress through one lesson of an enrollment. */
export interface ProgressRecord {
  lessonId: string;
  partsSeen: number;
  partsTotal: number;
  quizCorrect: number | null;
  quizTotal: number | null;
  completedAt: Date | null;
}

/** What a learner did with one exercise: saw the prompt (row exists), revealed, judged. */
export interface ExerciseResultRecord {
  exerciseId: string;
  revealedAt: Date | null;
  understood: boolean | null;
}

/** One sitting of a quiz, with the questions answered so far. */
export interface AttemptRecord {
  id: string;
  learnerId: string;
  quizId: string;
  startedAt: Date;
  finishedAt: Date | null;
  /** Right answers so far (open attempts) or in the end. */
  correct: number;
  total: number;
  /** "open", "passed" or "failed". */
  status: string;
  answers: Array<{ questionId: string; correct: boolean }>;
}

/** A Leitner box entry: a missed question and when it is due again. */
export interface ReviewItemRecord {
  questionId: string;
  box: number;
  dueAt: Date;
}

/** An answer to record; `review` files the question for spaced repetition when missed. */
export interface AnswerInput {
  id: string;
  attemptId: string;
  questionId: string;
  learnerId: string;
  /** JSON of what the learner answered. */
  response: string;
  correct: boolean;
  at: Date;
  review?: { box: number; dueAt: Date };
}

/** Persistence of the learning core. */
export interface LearningStore {
  /** The learner's enrollments, most recently active first. */
  listEnrollments(learnerId: string): Promise<EnrollmentRecord[]>;
  /** Enrolls the learner; when already enrolled returns the existing row with `created: false`. */
  enroll(
    learnerId: string,
    courseId: string,
    at: Date,
  ): Promise<{ enrollment: EnrollmentRecord; created: boolean }>;
  /** Moves the enrollment to a lesson and part and marks it as the most recently active. */
  savePosition(enrollmentId: string, lessonKey: string, part: number, at: Date): Promise<void>;
  /** Marks the enrollment completed. */
  completeEnrollment(enrollmentId: string, at: Date): Promise<void>;
  /** Progress rows of an enrollment. */
  listProgress(enrollmentId: string): Promise<ProgressRecord[]>;
  /** Creates or updates the progress of one lesson. */
  saveProgress(enrollmentId: string, progress: ProgressRecord): Promise<void>;
  /** The learner's results for the given exercises (missing ones were never shown). */
  listExerciseResults(learnerId: string, exerciseIds: string[]): Promise<ExerciseResultRecord[]>;
  /** Creates or updates an exercise result. */
  saveExerciseResult(learnerId: string, result: ExerciseResultRecord): Promise<void>;
  /**
   * An attempt with its answers, or null. May answer from process memory; `fresh` reads the
   * database, for when another process may have recorded answers meanwhile.
   */
  findAttempt(attemptId: string, fresh?: boolean): Promise<AttemptRecord | null>;
  /** The learner's attempts at the given quizzes, newest first, with their answers. */
  listAttempts(learnerId: string, quizIds: string[]): Promise<AttemptRecord[]>;
  /** Starts an attempt. */
  createAttempt(attempt: {
    id: string;
    learnerId: string;
    quizId: string;
    total: number;
    at: Date;
  }): Promise<void>;
  /**
   * Records an answer and files a missed question for review, atomically; "duplicate" when
   * the question was already answered in that attempt.
   */
  recordAnswer(answer: AnswerInput): Promise<"recorded" | "duplicate">;
  /** Closes an attempt with its status and final number of right answers. */
  finishAttempt(
    attemptId: string,
    status: "passed" | "failed",
    correct: number,
    at: Date,
  ): Promise<void>;
  /** Review items due at `now`, earliest first. */
  listDueReviews(learnerId: string, now: Date, limit: number): Promise<ReviewItemRecord[]>;
  /** One review item, or null. */
  findReviewItem(learnerId: string, questionId: string): Promise<ReviewItemRecord | null>;
  /**
   * Moves a review item to a new box and due date, only if it is still due at `now` (so a
   * double-pressed answer moves it once); false when it was not due.
   */
  rescheduleReview(
    learnerId: string,
    questionId: string,
    now: Date,
    next: { box: number; dueAt: Date },
  ): Promise<boolean>;
  /** The learner's streak: consecutive active days and the last counted local date. */
  getStreak(learnerId: string): Promise<{ days: number; lastDate: string | null }>;
  /** Saves the learner's streak. */
  saveStreak(learnerId: string, days: number, lastDate: string): Promise<void>;
  /** Creates or updates the learner's review of a course; `created` tells which. */
  saveReview(review: {
    courseId: string;
    learnerId: string;
    rating: number;
    text: string | null;
    verified: boolean;
  }): Promise<{ created: boolean }>;
  /** Stores feedback for a course's instructors (courseId null: for StudyHall itself). */
  addFeedback(feedback: {
    learnerId: string;
    courseId: string | null;
    text: string;
    at: Date;
  }): Promise<void>;
}
