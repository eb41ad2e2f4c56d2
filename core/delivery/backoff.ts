/** Bounds of the retry delay after a failed send. */
export interface BackoffPolicy {
  /** Delay after the first failure, in milliseconds. */
  baseMs: number;
  /** Longest delay, in milliseconds. */
  maxMs: number;
}

/** Defaults: 2 s, doubling, capped at 15 minutes. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 15 * 60_000 };

/**
 * Capped exponential backoff with jitter: base * 2^(attempt-1), capped, then a random point in
 * its upper half, so that many rows failing together do not retry together.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const capped = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.round(capped / 2 + random() * (capped / 2));
}
