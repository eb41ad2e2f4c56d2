import type { Platform } from "../messages.js";

/** The learner fields the conversation layer needs on every turn. */
export interface LearnerProfile {
  id: string;
  displayName: string;
  timeZone: string;
  createdAt: Date;
}

/** One platform identity of a learner. */
export interface AccountRecord {
  id: string;
  learnerId: string;
  platform: Platform;
  externalId: string;
  /** Where direct messages reach the account, when known. */
  chatId: string | null;
  reachable: boolean;
}

/** Who sent an update, as the platform describes them. */
export interface SenderIdentity {
  platform: Platform;
  externalId: string;
  displayName: string;
  username?: string;
  /** Direct-message chat id, known when the update came from a private chat. */
  chatId?: string;
}

/** What the bot waits for from an account between two messages (a typed answer, feedback). */
export interface PendingInput {
  kind: string;
  data: Record<string, string | number | boolean>;
}

/** Learners, their platform accounts and per-account conversation state. */
export interface AccountStore {
  /** Finds the account for `sender`, creating the learner and account on first contact. */
  identify(sender: SenderIdentity): Promise<{ learner: LearnerProfile; account: AccountRecord }>;
  /** Every account of a learner, for deliveries to each platform they use. */
  listAccounts(learnerId: string): Promise<AccountRecord[]>;
  /** Marks an account unreachable (bot blocked, user gone); deliveries to it stop. */
  markUnreachable(accountId: string, reason: string): Promise<void>;
  /** The pending input of an account, if any. */
  getPending(accountId: string): Promise<PendingInput | null>;
  /** Sets (or with null clears) the pending input of an account. */
  setPending(accountId: string, pending: PendingInput | null): Promise<void>;
  /** Records learner activity (resets reminder counters). */
  touch(learnerId: string, at: Date): Promise<void>;
}

/** Platform update ids already handled, so that replays are processed once. */
export interface UpdateLog {
  /** True the first time `(platform, updateId)` is seen, false on every later call. */
  firstSeen(platform: Platform, updateId: string): Promise<boolean>;
}

/** Button payloads too long for a platform, kept server-side behind a short token. */
export interface ActionTokenStore {
  /** Returns a short token standing for `action`; the same action always gets the same token. */
  tokenFor(action: string): Promise<string>;
  /** The action a token stands for, or null when unknown. */
  resolve(token: string): Promise<string | null>;
}
