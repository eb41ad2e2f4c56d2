/**
 * Telegram's per-group limit: about 20 messages a minute in one group
 * (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this).
 * A sliding window per group chat; a send that would exceed it waits for the window to move.
 */

/** Options of {@link createGroupRate}; tests pass a fake clock and sleep. */
export interface GroupRateOptions {
  perMinute: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Waits, when needed, before a message to a group chat. */
export interface GroupRate {
  /** Resolves when one more message may go to `chatId` now, and counts it. */
  take(chatId: string): Promise<void>;
}

const WINDOW_MS = 60_000;

/** Builds the limiter. */
export function createGroupRate(options: GroupRateOptions): GroupRate {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)));
  const sent = new Map<string, number[]>();

  return {
    async take(chatId) {
      for (;;) {
        const at = now();
        const recent = (sent.get(chatId) ?? []).filter((t) => t > at - WINDOW_MS);
        if (recent.length < options.perMinute) {
          recent.push(at);
          sent.set(chatId, recent);
          return;
        }
        sent.set(chatId, recent);
        await sleep(recent[0]! + WINDOW_MS - at);
      }
    },
  };
}
