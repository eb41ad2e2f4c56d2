import { systemClock } from "../../../core/clock.js";
import { createDispatcher } from "../../../core/delivery/dispatcher.js";
import { silentLogger } from "../../../core/logger.js";
import { openDatabase } from "../../../prisma/database.js";
import { createAccountStore } from "../../../prisma/store/accounts.js";
import { createDeliveryStore } from "../../../prisma/store/deliveries.js";
import { HttpFakeAdapter } from "./http-adapter.js";

/**
 * A dispatcher process for the crash benchmark: polls the queue in `databaseUrl`, sends to the
 * fake platform and exits once nothing is left unsent. The benchmark kills it with SIGKILL.
 * Arguments: database URL, platform URL, messages per second, concurrency, lease in ms.
 */
async function main(): Promise<void> {
  const [
    databaseUrl = "",
    platformUrl = "",
    perSecond = "1000",
    concurrency = "32",
    lease = "2000",
  ] = process.argv.slice(2);
  const db = await openDatabase(databaseUrl);
  const adapter = new HttpFakeAdapter(platformUrl, { perSecond: Number(perSecond) });
  const dispatcher = createDispatcher({
    adapter,
    deliveries: createDeliveryStore(db),
    accounts: createAccountStore(db),
    clock: systemClock,
    logger: silentLogger,
    concurrency: Number(concurrency),
    leaseMs: Number(lease),
    pollMs: 20,
  });
  dispatcher.start();
  console.log(JSON.stringify({ started: true, pid: process.pid }));
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const unsent = await db.delivery.count({
      where: { status: { in: ["pending", "failed", "sending"] } },
    });
    if (unsent === 0) break;
  }
  await dispatcher.stop();
  await adapter.stop();
  await db.$disconnect();
}

await main();
