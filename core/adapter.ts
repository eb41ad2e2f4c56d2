import type { Platform, Reply } from "./messages.js";

/**
 * Sending rate a platform allows, used by the delivery dispatcher's token buckets.
 * See the limits table in DESIGN.md.
 */
export interface RateLimit {
  /** Messages per second across all chats. */
  perSecond: number;
  /** Messages per second to one chat (Telegram allows about 1). */
  perChatPerSecond?: number;
  /** Messages per minute to one group chat (Telegram allows about 20). */
  perGroupPerMinute?: number;
}

/**
 * What every platform adapter provides to the core. An adapter translates its platform's
 * updates into `Inbound` messages for {@link ConversationHandler} and renders `Reply`s back.
 */
export interface PlatformAdapter {
  /** Platform name used in accounts and deliveries. */
  readonly platform: Platform;
  /** Default send rate of this platform, for the dispatcher. */
  readonly rateLimit: RateLimit;
  /** Connects to the platform (polling, gateway, socket) and starts handling updates. */
  start(): Promise<void>;
  /** Stops receiving updates and lets in-flight work finish. */
  stop(): Promise<void>;
  /**
   * Sends replies to `target` (a chat or user id) outside a conversation turn, for scheduled
   * deliveries. Throws RateLimitedError, UnreachableError or TransientError on failure.
   */
  send(target: string, replies: Reply[]): Promise<void>;
}
