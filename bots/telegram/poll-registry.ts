/**
 * Which quiz poll asks which question: poll_answer updates carry only the poll id and the
 * voter, so the adapter records each poll it sends and reads it back on every answer.
 */

/** What the adapter needs to turn a poll answer into a button action. */
export interface QuizPollRecord {
  /** The question's `answerActionPrefix`; option i becomes `${prefix}${i}`. */
  answerActionPrefix: string;
  /** The chat the poll was posted in. */
  chatId: string;
  /** "direct" for a learner's private chat, "group" for a group quiz. */
  chatKind: "direct" | "group";
}

/** Quiz polls the bot sent; kept in the database so answers still work after a restart. */
export interface PollRegistry {
  /** Records a poll the bot just sent. */
  remember(pollId: string, record: QuizPollRecord): Promise<void>;
  /** The poll's record, or null for a poll the bot does not know. */
  find(pollId: string): Promise<QuizPollRecord | null>;
}
