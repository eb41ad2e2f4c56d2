import { createBenchQueue, tally } from "./support/bench-queue.js";
import {
  exited,
  firstJsonLine,
  readStats,
  spawnScript,
  startPlatformProcess,
} from "./support/processes.js";

/**
 * `delivery-crash` benchmark: the `delivery` run with the dispatcher in a child process that is
 * killed with SIGKILL at a random point and started again. Counts what the fake platform
 * received: nothing may be lost, and no more may arrive twice than the dispatcher's
 * concurrency (the sends in flight at the kill). Last line: JSON.
 */
const COUNT = Number(process.env.BENCH_DELIVERIES ?? 10_000);
const LIMIT = Number(process.env.BENCH_DELIVERY_LIMIT ?? 1_000);
const CONCURRENCY = Number(process.env.BENCH_DELIVERY_CONCURRENCY ?? 32);
const LEASE_MS = 2_000;

function startDispatcher(url: string, platformUrl: string) {
  const args = [url, platformUrl, String(LIMIT), String(CONCURRENCY), String(LEASE_MS)];
  return spawnScript("./dispatch-process.ts", args);
}

async function main(): Promise<void> {
  const queue = await createBenchQueue(COUNT, "crash");
  const platform = await startPlatformProcess(LIMIT, Math.ceil(LIMIT / 10));
  try {
    // Kill somewhere between 10% and 80% of the run.
    const killAfter = Math.floor(COUNT * (0.1 + Math.random() * 0.7));
    const first = startDispatcher(queue.url, platform.url);
    await firstJsonLine(first);
    while ((await readStats(platform.statsUrl)).accepted < killAfter) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    first.kill("SIGKILL");
    await exited(first);
    // Requests already written to the socket are still answered after the sender died.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const beforeKill = (await readStats(platform.statsUrl)).accepted;
    const unsentAtKill = await queue.unsent();
    console.log(
      await queue.store.counts(),
      await readStats(platform.statsUrl).then((s) => s.accepted),
    );

    const started = performance.now();
    const second = startDispatcher(queue.url, platform.url);
    await exited(second);
    const restartSeconds = (performance.now() - started) / 1000;

    const stats = await readStats(platform.statsUrl);
    const { lost, duplicates } = tally(COUNT, stats.received);
    const sentRows = await queue.db.delivery.count({ where: { status: "sent" } });
    console.log(
      JSON.stringify({
        bench: "delivery-crash",
        deliveries: COUNT,
        deliveredBeforeKill: beforeKill,
        unsentAtKill,
        lost,
        duplicates,
        concurrency: CONCURRENCY,
        rowsMarkedSent: sentRows,
        received429: stats.tooMany,
        restartToDoneSeconds: Number(restartSeconds.toFixed(2)),
        leaseMs: LEASE_MS,
        target: { lost: 0, duplicatesAtMost: CONCURRENCY },
        met: lost === 0 && duplicates <= CONCURRENCY,
      }),
    );
  } finally {
    platform.child.kill("SIGTERM");
    await queue.close();
  }
}

await main();
