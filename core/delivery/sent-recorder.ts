import type { Clock } from "../clock.js";
import type { DeliveryStore } from "../ports/deliveries.js";

/**
 * Records sent deliveries with group commit: ids arriving within `batchMs` of each other, or
 * while a write runs, go into one write. Each caller's promise settles once its row is marked,
 * so a dispatcher slot is held until the send is durable and a crash can repeat at most the
 * sends in flight.
 */
export class SentRecorder {
  private waiting: Array<{ id: string; resolve: () => void; reject: (error: unknown) => void }> =
    [];
  private flushing = false;
  private timer: NodeJS.Timeout | NodeJS.Immediate | undefined;

  constructor(
    private readonly deliveries: DeliveryStore,
    private readonly clock: Clock,
    private readonly batchMs: number,
  ) {}

  /** Marks `id` sent; resolves when the row is written. */
  record(id: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ id, resolve, reject });
      if (this.flushing || this.timer) return;
      const run = () => {
        this.timer = undefined;
        void this.flush();
      };
      this.timer = this.batchMs > 0 ? setTimeout(run, this.batchMs) : setImmediate(run);
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0);
      try {
        const ids = batch.map((entry) => entry.id);
        await this.deliveries.markSent(ids, this.clock.now());
        for (const entry of batch) entry.resolve();
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    this.flushing = false;
  }
}
