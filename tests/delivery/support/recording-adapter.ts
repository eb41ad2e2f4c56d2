import type { PlatformAdapter, RateLimit } from "../../../core/adapter.js";
import type { Clock } from "../../../core/clock.js";
import type { Platform, Reply } from "../../../core/messages.js";

/** One message the fake platform received. */
export interface Received {
  target: string;
  replies: Reply[];
  at: Date;
}

/** A platform adapter that records sends; `failWith` scripts errors per send, in order. */
export class RecordingAdapter implements PlatformAdapter {
  readonly received: Received[] = [];
  /** Errors to throw on the next sends (undefined entries succeed). */
  readonly failWith: Array<Error | undefined> = [];
  /** Errors to throw for every send to a target. */
  readonly failTarget = new Map<string, Error>();

  constructor(
    readonly platform: Platform,
    private readonly clock: Clock,
    readonly rateLimit: RateLimit = { perSecond: 30 },
  ) {}

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  async send(target: string, replies: Reply[]): Promise<void> {
    const error = this.failTarget.get(target) ?? this.failWith.shift();
    if (error) throw error;
    this.received.push({ target, replies, at: this.clock.now() });
  }

  /** Texts received by a target, first reply of each message. */
  headings(target: string): string[] {
    return this.received.filter((r) => r.target === target).map((r) => r.replies[0]?.text ?? "");
  }
}
