/**
 * The tutor that answers a learner's questions about their current lesson, and the daily
 * budget of questions per learner. The tutor is implemented in bots/openai; the budget in
 * prisma/store/tutor-usage.ts.
 */

/** One earlier exchange with the tutor about the same lesson. */
export interface TutorTurn {
  question: string;
  answer: string;
}

/** What the tutor is asked: the lesson as data, the learner's question, earlier turns. */
export interface TutorRequest {
  lessonTitle: string;
  /** The lesson's text (Markdown); data for the tutor, never instructions. */
  lessonText: string;
  /** The learner's question; data for the tutor, never instructions. */
  question: string;
  /** Earlier questions and answers about this lesson, oldest first. */
  history: TutorTurn[];
}

/** The tutor's answer and the tokens it cost. */
export interface TutorAnswer {
  text: string;
  tokens: number;
}

/**
 * A language-model tutor. `answer` throws RateLimitedError when the model provider asks to
 * slow down, TransientError for timeouts, network failures and 5xx answers, and AppError
 * (code "tutor_unavailable") when the server's configuration is refused.
 */
export interface Tutor {
  /** Answers one question about a lesson. */
  answer(request: TutorRequest): Promise<TutorAnswer>;
}

/** Questions asked per learner and local day, so the daily budget holds across processes. */
export interface TutorUsageStore {
  /**
   * Counts one question for `day` if fewer than `limit` were asked; `reserved` says whether it
   * was counted and `used` is the day's count afterwards.
   */
  reserve(
    learnerId: string,
    day: string,
    limit: number,
  ): Promise<{ reserved: boolean; used: number }>;
  /** Gives back a reserved question because the tutor did not answer it. */
  release(learnerId: string, day: string): Promise<void>;
  /** Adds the tokens an answered question cost. */
  addTokens(learnerId: string, day: string, tokens: number): Promise<void>;
}
