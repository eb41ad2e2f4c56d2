import { systemClock } from "../../core/clock.js";
import { createDispatcher } from "../../core/delivery/dispatcher.js";
import { silentLogger } from "../../core/logger.js";
import { createAccountStore } from "../../prisma/store/accounts.js";
import { createBenchQueue, tally } from "./support/bench-queue.js";
import { HttpFakeAdapter } from "./support/http-adapter.js";
import { readStats, startPlatformProcess } from "./support/processes.js";

/**
 * `delivery` benchmark: 10,000 due deliveries sent by one dispatcher to a fake platform on
 * 127.0.0.1 (its own process) that accepts LIMIT messages a second and answers 429 with
 * retry-after above that. The dispatcher is configured at the platform's limit. Last line: JSON.
 */
const COUNT = Number(process.env.BENCH_DELIVERIES ?? 10_000);
const LIMIT = Number(process.env.BENCH_DELIVERY_LIMIT ?? 1_000);
const CONCURRENCY = Number(process.env.BENCH_DELIVERY_CONCURRENCY ?? 32);
const RECORD_BATCH_MS = Number(process.env.BENCH_DELIVERY_RECORD_BATCH_MS ?? 10);

async function main(): Promise<void> {
  const queue = await createBenchQueue(COUNT, "delivery");
  const platform = await startPlatformProcess(LIMIT, Math.ceil(LIMIT / 10));
  const adapter = new HttpFakeAdapter(platform.url, { perSecond: LIMIT });
  try {
    const dispatcher = createDispatcher({
      adapter,
      deliveries: queue.store,
      accounts: createAccountStore(queue.db),
      clock: systemClock,
      logger: silentLogger,
      concurrency: CONCURRENCY,
      recordBatchMs: RECORD_BATCH_MS,
    });
    const started = performance.now();
    let rateLimited = 0;
    while ((await queue.unsent()) > 0) {
      rateLimited += (await dispatcher.drain()).rateLimited;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const seconds = (performance.now() - started) / 1000;
    const stats = await readStats(platform.statsUrl);
    const { lost, duplicates } = tally(COUNT, stats.received);
    // The rate the platform saw, from its first to its last accepted message (plus one interval);
    // the wall-clock rate below also counts the dispatcher's start and the final bookkeeping.
    const windowSeconds = ((stats.lastAt ?? 0) - (stats.firstAt ?? 0)) / 1000 + 1 / LIMIT;
    const achieved = stats.accepted / windowSeconds;
    const ratio = achieved / LIMIT;
    console.log(
      JSON.stringify({
        bench: "delivery",
        deliveries: COUNT,
        limitPerSecond: LIMIT,
        achievedPerSecond: Math.round(achieved),
        ratio: Number(ratio.toFixed(3)),
        wallClockPerSecond: Math.round(stats.accepted / seconds),
        received429: stats.tooMany,
        dispatcherSaw429: rateLimited,
        duplicates,
        lost,
        concurrency: CONCURRENCY,
        seconds: Number(seconds.toFixed(2)),
        target: { ratio: 0.95, duplicates: 0, lost: 0 },
        met: ratio >= 0.95 && duplicates === 0 && lost === 0,
      }),
    );
  } finally {
    await adapter.stop();
    platform.child.kill("SIGTERM");
    await queue.close();
  }
}

await main();
