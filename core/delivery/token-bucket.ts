import type { Clock } from "../clock.js";

/**
 * A token bucket kept as a theoretical arrival time (the generic cell rate algorithm):
 * callers reserve a token and wait the returned time, so waiting callers are served in order
 * and the long-run rate never exceeds `perSecond`, with at most `burst` sent at once.
 */
export class TokenBucket {
  private readonly intervalMs: number;
  private readonly toleranceMs: number;
  private arrival = Number.NEGATIVE_INFINITY;

  constructor(
    perSecond: number,
    burst: number,
    private readonly clock: Clock,
  ) {
    this.intervalMs = 1000 / perSecond;
    this.toleranceMs = (Math.max(1, burst) - 1) * this.intervalMs;
  }

  /** Reserves one token and returns how many milliseconds to wait before using it. */
  reserve(): number {
    const now = this.clock.now().getTime();
    this.arrival = Math.max(this.arrival, now);
    const allowedAt = this.arrival - this.toleranceMs;
    this.arrival += this.intervalMs;
    return Math.max(0, allowedAt - now);
  }

  /** Holds every token back for `ms` (the platform answered 429 with retry-after). */
  pause(ms: number): void {
    const now = this.clock.now().getTime();
    this.arrival = Math.max(this.arrival, now + ms + this.toleranceMs);
  }
}

/** Spacing per chat (Telegram allows about one message a second to the same chat). */
export class PerKeySpacing {
  private readonly nextAt = new Map<string, number>();
  private readonly intervalMs: number;

  constructor(
    perSecond: number,
    private readonly clock: Clock,
  ) {
    this.intervalMs = 1000 / perSecond;
  }

  /** Reserves the next slot for `key`; returns how many milliseconds to wait. */
  reserve(key: string): number {
    const now = this.clock.now().getTime();
    if (this.nextAt.size > 10_000) {
      for (const [k, at] of this.nextAt) if (at <= now) this.nextAt.delete(k);
    }
    const at = Math.max(this.nextAt.get(key) ?? now, now);
    this.nextAt.set(key, at + this.intervalMs);
    return at - now;
  }
}
