/**
 * The web chat's inbox: replies pushed to a web learner outside a conversation turn
 * (scheduled lessons, reminders, announcements), kept as rows until the page reads them.
 */
import type { Reply } from "../messages.js";

/** One pushed message; ids grow, so a client resumes after the last id it saw. */
export interface InboxMessage {
  id: number;
  reply: Reply;
  createdAt: Date;
}

/** Persistence of the web inbox, addressed by the web chat user id (the account's chat id). */
export interface WebInboxStore {
  /** The web account whose chat id is `user`, or null when that user never chatted. */
  findAccount(user: string): Promise<{ id: string; reachable: boolean } | null>;
  /** Appends one message per reply to the account's inbox, in order, all or none. */
  append(accountId: string, replies: Reply[], at: Date): Promise<InboxMessage[]>;
  /** Messages of `user` with an id above `afterId`, oldest first, at most `limit`. */
  listAfter(user: string, afterId: number, limit: number): Promise<InboxMessage[]>;
}
