import type { AccountStore, UpdateLog } from "../../../core/ports/accounts.js";

/** An in-memory {@link UpdateLog}. */
export function memoryUpdateLog(): UpdateLog {
  const seen = new Set<string>();
  return {
    async firstSeen(platform, updateId) {
      const key = `${platform}:${updateId}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    },
  };
}

/** An in-memory {@link AccountStore}: one learner per platform user, learner id = "L-" + user. */
export function memoryAccounts(): AccountStore {
  const pending = new Map<string, import("../../../core/ports/accounts.js").PendingInput>();
  return {
    async identify(sender) {
      const learnerId = `L-${sender.externalId}`;
      return {
        learner: {
          id: learnerId,
          displayName: sender.displayName,
          timeZone: "UTC",
          createdAt: new Date(0),
        },
        account: {
          id: `A-${sender.externalId}`,
          learnerId,
          platform: sender.platform,
          externalId: sender.externalId,
          chatId: sender.chatId ?? null,
          reachable: true,
        },
      };
    },
    async listAccounts() {
      return [];
    },
    async markUnreachable() {},
    async getPending(accountId) {
      return pending.get(accountId) ?? null;
    },
    async setPending(accountId, value) {
      if (value) pending.set(accountId, value);
      else pending.delete(accountId);
    },
    async touch() {},
  };
}
