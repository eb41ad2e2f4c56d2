import { createHash } from "node:crypto";
import { newId } from "../../core/ids.js";
import type { Platform } from "../../core/messages.js";
import type {
  AccountRecord,
  AccountStore,
  ActionTokenStore,
  LearnerProfile,
  PendingInput,
  SenderIdentity,
  UpdateLog,
} from "../../core/ports/accounts.js";
import type { Db } from "../database.js";

/** Unique-constraint violation code of Prisma. */
export const UNIQUE_VIOLATION = "P2002";

/** True when `error` is Prisma's unique-constraint violation. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === UNIQUE_VIOLATION;
}

function toAccount(row: {
  id: string;
  learnerId: string;
  platform: string;
  externalId: string;
  chatId: string | null;
  reachable: boolean;
}): AccountRecord {
  return { ...row, platform: row.platform as Platform };
}

/** How long a cached identity is trusted; another process may have linked the account since. */
export const IDENTITY_CACHE_MS = 60_000;

/**
 * How long one process trusts its copy of an account's pending input. Another process
 * (PostgreSQL scale-out) may change it meanwhile; an update reaches this one within this time.
 */
export const PENDING_CACHE_MS = 10_000;

function samePending(a: PendingInput | null, b: PendingInput | null): boolean {
  if (a === null || b === null) return a === b;
  return a.kind === b.kind && JSON.stringify(a.data) === JSON.stringify(b.data);
}

/** A learner's last activity is written at most this often by one process. */
export const TOUCH_INTERVAL_MS = 60_000;

/** An {@link AccountStore} whose identity cache can be told that a learner was merged away. */
export interface CachingAccountStore extends AccountStore {
  /** Drops the cached identities of a learner (after `/link` moved its accounts elsewhere). */
  forget(learnerId: string): void;
}

/** {@link AccountStore} on Prisma, with an in-process cache of known accounts. */
export function createAccountStore(db: Db): CachingAccountStore {
  const learnerSelect = { id: true, displayName: true, timeZone: true, createdAt: true } as const;
  const known = new Map<
    string,
    { learner: LearnerProfile; account: AccountRecord; cachedAt: number }
  >();
  const touched = new Map<string, number>();
  // Every turn asks for the pending input; this process's own writes make most asks free.
  const pendingCache = new Map<string, { value: PendingInput | null; at: number }>();
  const rememberPending = (accountId: string, value: PendingInput | null) => {
    if (pendingCache.size >= 100_000) pendingCache.clear();
    pendingCache.set(accountId, { value, at: Date.now() });
  };

  async function create(sender: SenderIdentity) {
    const learnerId = newId();
    try {
      const account = await db.account.create({
        data: {
          id: newId(),
          platform: sender.platform,
          externalId: sender.externalId,
          chatId: sender.chatId ?? null,
          username: sender.username ?? null,
          learner: { create: { id: learnerId, displayName: sender.displayName.slice(0, 100) } },
        },
        include: { learner: { select: learnerSelect } },
      });
      return account;
    } catch (error) {
      // Two first messages at once: the other one created the account.
      if (!isUniqueViolation(error)) throw error;
      return null;
    }
  }

  return {
    async identify(sender) {
      const key = `${sender.platform}:${sender.externalId}`;
      const cached = known.get(key);
      if (
        cached &&
        Date.now() - cached.cachedAt < IDENTITY_CACHE_MS &&
        (sender.chatId === undefined || cached.account.chatId === sender.chatId)
      ) {
        return { learner: cached.learner, account: cached.account };
      }
      const where = {
        platform_externalId: { platform: sender.platform, externalId: sender.externalId },
      };
      let row = await db.account.findUnique({
        where,
        include: { learner: { select: learnerSelect } },
      });
      if (!row) row = await create(sender);
      row ??= await db.account.findUniqueOrThrow({
        where,
        include: { learner: { select: learnerSelect } },
      });
      if (sender.chatId !== undefined && row.chatId !== sender.chatId) {
        await db.account.update({
          where: { id: row.id },
          data: { chatId: sender.chatId, reachable: true, unreachableReason: null },
        });
        row = { ...row, chatId: sender.chatId, reachable: true };
      }
      const result = { learner: row.learner, account: toAccount(row) };
      known.set(key, { ...result, cachedAt: Date.now() });
      return result;
    },

    forget(learnerId) {
      for (const [key, value] of known) if (value.learner.id === learnerId) known.delete(key);
    },

    async listAccounts(learnerId) {
      const rows = await db.account.findMany({
        where: { learnerId },
        orderBy: { createdAt: "asc" },
      });
      return rows.map(toAccount);
    },

    async markUnreachable(accountId, reason) {
      await db.account.update({
        where: { id: accountId },
        data: { reachable: false, unreachableReason: reason.slice(0, 500) },
      });
      for (const [key, value] of known) if (value.account.id === accountId) known.delete(key);
    },

    async getPending(accountId) {
      const cached = pendingCache.get(accountId);
      if (cached && Date.now() - cached.at < PENDING_CACHE_MS) return cached.value;
      const row = await db.conversationState.findUnique({ where: { accountId } });
      const value = row
        ? { kind: row.kind, data: JSON.parse(row.data) as PendingInput["data"] }
        : null;
      rememberPending(accountId, value);
      return value;
    },

    async setPending(accountId, pending) {
      const cached = pendingCache.get(accountId);
      const fresh = cached && Date.now() - cached.at < PENDING_CACHE_MS;
      if (fresh && samePending(cached.value, pending)) return;
      rememberPending(accountId, pending);
      if (pending === null) {
        await db.conversationState.deleteMany({ where: { accountId } });
        return;
      }
      const data = JSON.stringify(pending.data);
      await db.conversationState.upsert({
        where: { accountId },
        create: { accountId, kind: pending.kind, data },
        update: { kind: pending.kind, data },
      });
    },

    async touch(learnerId, at) {
      // Every turn touches; a write a minute is precise enough for idle reminders (days).
      const last = touched.get(learnerId);
      if (last !== undefined && at.getTime() - last < TOUCH_INTERVAL_MS && at.getTime() >= last) {
        return;
      }
      touched.set(learnerId, at.getTime());
      await db.learner.updateMany({
        where: { id: learnerId },
        data: { lastActiveAt: at, nudgesUnanswered: 0 },
      });
    },
  };
}

/** {@link UpdateLog} on Prisma: the primary key makes "first seen" atomic across processes. */
export function createUpdateLog(db: Db): UpdateLog {
  return {
    async firstSeen(platform, updateId) {
      try {
        await db.processedUpdate.create({ data: { platform, updateId } });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
  };
}

/** {@link ActionTokenStore} on Prisma; tokens are derived from the action, so they are stable. */
export function createActionTokenStore(db: Db): ActionTokenStore {
  return {
    async tokenFor(action) {
      const token = createHash("sha256").update(action).digest("base64url").slice(0, 16);
      await db.actionToken.upsert({ where: { token }, create: { token, action }, update: {} });
      return token;
    },
    async resolve(token) {
      const row = await db.actionToken.findUnique({ where: { token } });
      return row?.action ?? null;
    },
  };
}
