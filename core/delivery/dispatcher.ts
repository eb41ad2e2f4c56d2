import type { PlatformAdapter } from "../adapter.js";
import type { Clock } from "../clock.js";
import { RateLimitedError, UnreachableError } from "../errors.js";
import { newId } from "../ids.js";
import type { Logger } from "../logger.js";
import type { Reply } from "../messages.js";
import type { AccountStore } from "../ports/accounts.js";
import type { ClaimedDelivery, DeliveryStore } from "../ports/deliveries.js";
import { type BackoffPolicy, backoffDelay, DEFAULT_BACKOFF } from "./backoff.js";
import { SentRecorder } from "./sent-recorder.js";
import { PerKeySpacing, TokenBucket } from "./token-bucket.js";

/** Settings of one dispatcher; every field but the ports has a default. */
export interface DispatcherOptions {
  adapter: PlatformAdapter;
  deliveries: DeliveryStore;
  accounts: Pick<AccountStore, "markUnreachable">;
  clock: Clock;
  logger: Logger;
  /** Messages per second; defaults to the adapter's rate limit. */
  perSecond?: number;
  /** Messages sent back to back after an idle spell; defaults to a tenth of a second's worth. */
  burst?: number;
  /** Most deliveries claimed and unfinished at once, so at most this many can repeat after a crash. */
  concurrency?: number;
  /** A claim older than this is taken over by another dispatcher (its owner died). */
  leaseMs?: number;
  /** Attempts before a delivery failing with network errors or 5xx is given up. */
  maxAttempts?: number;
  backoff?: BackoffPolicy;
  /** Sends finishing within this many milliseconds are recorded in one write (default 10). */
  recordBatchMs?: number;
  /** Pause between polls when nothing is due. */
  pollMs?: number;
  /** Waits `ms`; tests pass one that advances a fake clock. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** What one {@link Dispatcher.drain} did. */
export interface DispatchStats {
  sent: number;
  rateLimited: number;
  retried: number;
  dead: number;
}

/** Sends due deliveries of one platform. */
export interface Dispatcher {
  /** Sends everything due now (retries that come due while it runs included) and returns. */
  drain(): Promise<DispatchStats>;
  /** Starts polling in the background. */
  start(): void;
  /** Stops polling and waits for the sends in flight. */
  stop(): Promise<void>;
}

/** Default number of deliveries in flight per dispatcher. */
export const DEFAULT_CONCURRENCY = 8;
/** Default claim lease: far longer than one send with its HTTP timeout. */
export const DEFAULT_LEASE_MS = 60_000;
/** Default attempts before giving up on network errors and 5xx. */
export const DEFAULT_MAX_ATTEMPTS = 8;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A dispatcher for `adapter.platform`: claims due rows atomically, sends them under a token
 * bucket with bounded concurrency, honours 429 retry-after, retries transient failures with
 * capped exponential backoff and jitter, and gives up on recipients that cannot be reached.
 */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { adapter, deliveries, clock } = options;
  const platform = adapter.platform;
  const log = options.logger.child({ dispatcher: platform });
  const perSecond = options.perSecond ?? adapter.rateLimit.perSecond;
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const bucket = new TokenBucket(perSecond, options.burst ?? Math.ceil(perSecond / 10), clock);
  const perChat = adapter.rateLimit.perChatPerSecond
    ? new PerKeySpacing(adapter.rateLimit.perChatPerSecond, clock)
    : null;
  const recorder = new SentRecorder(deliveries, clock, options.recordBatchMs ?? 10);
  const workerId = newId(8);
  /** Targets found unreachable; rows to them still in a claim queue are not sent. */
  const unreachable = new Set<string>();
  let claims = 0;

  async function wait(ms: number) {
    if (ms > 0) await sleep(ms);
  }

  async function fail(row: ClaimedDelivery, error: unknown, stats: DispatchStats) {
    const message = error instanceof Error ? error.message : String(error);
    const now = clock.now().getTime();
    if (error instanceof RateLimitedError) {
      stats.rateLimited++;
      bucket.pause(error.retryAfterMs);
      await deliveries.retryLater(row.id, new Date(now + error.retryAfterMs), message, false);
      return;
    }
    if (error instanceof UnreachableError) {
      stats.dead++;
      unreachable.add(row.target);
      await deliveries.markDead(row.id, message);
      const skipped = await deliveries.skipTarget(platform, row.target, message);
      const accountId = await deliveries.accountForTarget(platform, row.target);
      if (accountId) await options.accounts.markUnreachable(accountId, message);
      log.info({ delivery: row.id, account: accountId, skipped }, "recipient unreachable");
      return;
    }
    if (row.attempts >= maxAttempts) {
      stats.dead++;
      await deliveries.markDead(row.id, message);
      log.warn({ delivery: row.id, attempts: row.attempts, err: message }, "delivery given up");
      return;
    }
    stats.retried++;
    const delay = backoffDelay(row.attempts, options.backoff ?? DEFAULT_BACKOFF, random);
    await deliveries.retryLater(row.id, new Date(now + delay), message, true);
  }

  async function deliver(row: ClaimedDelivery, stats: DispatchStats) {
    // Already marked skipped in the store by skipTarget.
    if (unreachable.has(row.target)) return;
    let replies: Reply[];
    try {
      replies = JSON.parse(row.payload) as Reply[];
      if (!Array.isArray(replies)) throw new Error("payload is not an array of replies");
    } catch (error) {
      stats.dead++;
      await deliveries.markDead(row.id, `unreadable payload: ${(error as Error).message}`);
      return;
    }
    await wait(bucket.reserve());
    if (perChat) await wait(perChat.reserve(row.target));
    try {
      await adapter.send(row.target, replies);
    } catch (error) {
      await fail(row, error, stats);
      return;
    }
    await recorder.record(row.id);
    stats.sent++;
  }

  /**
   * Claimed rows wait in a queue of up to twice the concurrency, so that claiming overlaps with
   * sending; they are not sent yet, so a crash cannot repeat them (they return after the lease).
   * Only the `concurrency` workers send, and each holds its slot until the send is recorded.
   */
  async function drain(): Promise<DispatchStats> {
    const stats: DispatchStats = { sent: 0, rateLimited: 0, retried: 0, dead: 0 };
    const queue: ClaimedDelivery[] = [];
    let refilling: Promise<void> | null = null;

    async function refill() {
      const limit = 2 * concurrency - queue.length;
      if (limit <= 0) return;
      const claimToken = `${workerId}:${++claims}`;
      const now = clock.now();
      queue.push(...(await deliveries.claim({ platform, claimToken, limit, now, leaseMs })));
    }
    const ensureRefill = () => {
      refilling ??= refill().finally(() => {
        refilling = null;
      });
      return refilling;
    };

    async function work() {
      while (running || draining) {
        let row = queue.shift();
        if (!row) {
          await ensureRefill();
          row = queue.shift();
          if (!row) return;
        }
        if (queue.length < concurrency) ensureRefill().catch(() => {});
        await deliver(row, stats).catch((error) =>
          log.error({ err: error, delivery: row.id }, "delivery bookkeeping failed"),
        );
      }
    }

    await Promise.all(Array.from({ length: concurrency }, work));
    if (refilling) await (refilling as Promise<void>).catch(() => {});
    await releaseUnsent(queue);
    return stats;
  }

  /** Rows claimed but not sent when stopping go back to pending at once, not after the lease. */
  async function releaseUnsent(rows: ClaimedDelivery[]) {
    for (const row of rows.splice(0)) {
      await deliveries.retryLater(row.id, clock.now(), "released unsent at shutdown", false);
    }
  }

  let running = false;
  let draining = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  async function poll() {
    while (running) {
      try {
        const stats = await drain();
        if (stats.sent + stats.dead > 0) log.debug({ ...stats }, "deliveries dispatched");
      } catch (error) {
        log.error({ err: error }, "dispatch failed; retrying after the poll interval");
      }
      if (!running) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        void sleep(options.pollMs ?? 1_000).then(resolve);
      });
    }
  }

  return {
    async drain() {
      draining = true;
      try {
        return await drain();
      } finally {
        draining = false;
      }
    },
    start() {
      if (running) return;
      running = true;
      loop = poll();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}
