/**
 * Limits wrong link codes, so that nobody can try codes until one matches another
 * learner's: a few per account, and a ceiling for the whole process because web chat
 * user ids cost nothing to make up.
 */
export interface GuessLimit {
  /** Milliseconds until `accountId` may try again, or 0 when it may try now. */
  waitMs(accountId: string, now: Date): number;
  /** Counts one wrong code from `accountId`. */
  recordMiss(accountId: string, now: Date): void;
}

/** Limits for {@link createGuessLimit}. */
export interface GuessLimitOptions {
  /** Wrong codes one account may send per window. */
  perAccount: number;
  /** Wrong codes all accounts together may send per window. */
  overall: number;
  /** Length of the window. */
  windowMs: number;
}

/** The limits used in production: 5 per account and 60 overall per 10 minutes. */
export const DEFAULT_GUESS_LIMIT: GuessLimitOptions = {
  perAccount: 5,
  overall: 60,
  windowMs: 10 * 60 * 1000,
};

/** An in-memory {@link GuessLimit} over sliding windows of miss times. */
export function createGuessLimit(options: GuessLimitOptions = DEFAULT_GUESS_LIMIT): GuessLimit {
  const byAccount = new Map<string, number[]>();
  let overall: number[] = [];

  function recent(times: number[], now: number): number[] {
    return times.filter((at) => now - at < options.windowMs);
  }

  function wait(times: number[], limit: number, now: number): number {
    if (times.length < limit) return 0;
    return times[times.length - limit]! + options.windowMs - now;
  }

  return {
    waitMs(accountId, now) {
      const at = now.getTime();
      overall = recent(overall, at);
      const mine = recent(byAccount.get(accountId) ?? [], at);
      if (mine.length === 0) byAccount.delete(accountId);
      else byAccount.set(accountId, mine);
      return Math.max(wait(mine, options.perAccount, at), wait(overall, options.overall, at));
    },
    recordMiss(accountId, now) {
      const at = now.getTime();
      overall.push(at);
      byAccount.set(accountId, [...recent(byAccount.get(accountId) ?? [], at), at]);
    },
  };
}
