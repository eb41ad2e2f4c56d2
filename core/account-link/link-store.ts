/**
 * The port behind `/link`: one-time codes and the merge of one learner into another.
 * Implemented in prisma/store/account-link.ts.
 */

/** A one-time link code as stored. */
export interface LinkCodeRecord {
  code: string;
  /** The learner who asked for the code: the one that is kept. */
  learnerId: string;
  /** The account the code was asked from, when known. */
  accountId: string | null;
  expiresAt: Date;
  /** When the code linked an account; null while unused. */
  usedAt: Date | null;
}

/** How much of the merged learner's study moved over, for the confirmation message. */
export interface MergeCounts {
  accounts: number;
  enrollments: number;
  lessons: number;
  attempts: number;
  certificates: number;
}

/** Result of {@link AccountLinkStore.linkAccount}. */
export type LinkResult =
  | { status: "linked"; mergedLearnerId: string; moved: MergeCounts }
  /** The code stopped being usable (used, expired, or the account moved) since it was read. */
  | { status: "stale" };

/** Link codes and learner merges. */
export interface AccountLinkStore {
  /**
   * Stores a new code for a learner, replacing the learner's earlier unused codes and
   * dropping long-expired ones; false when the code is already taken.
   */
  createCode(code: LinkCodeRecord, now: Date): Promise<boolean>;
  /** A code by its text, or null. */
  findCode(code: string): Promise<LinkCodeRecord | null>;
  /**
   * In one transaction: marks the code used (only if still unused and unexpired at `now`),
   * moves `accountId` and the learner behind it, with all of that learner's accounts and
   * study, into the code's learner, and deletes the emptied learner. Where both learners
   * hold a record with the same unique key (an enrollment in the same course, a review of
   * the same course), the code's learner keeps theirs.
   */
  linkAccount(code: string, accountId: string, now: Date): Promise<LinkResult>;
}
