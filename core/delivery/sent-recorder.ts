import type { Clock } from "../clock.js";
import type { DeliveryStore } from "../ports/deliveries.js";

/**
 * Records sent deliveries with group commit: ids arriving while a write runs go into the next
 * write. Each caller's promise settles once its row is marked, so a dispatcher slot is held
 * until the send is durable and a crash can repeat at most the sends in flight.
 */
export class SentRecorder {
  private waiting: Array<{ id: string; resolve: () => void; reject: (error: unknown) => void }> =
    [];
  private flushing = false;

  constructor(
    private readonly deliveries: DeliveryStore,
    private readonly clock: Clock,
  ) {}

  /** Marks `id` sent; resolves when the row is written. */
  record(id: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ id, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0);
      try {
        await this.deliveries.markSent(
          batch.map((entry) => entry.id),
          this.clock.now(),
        );
        for (const entry of batch) entry.resolve();
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    this.flushing = false;
  }
}
