import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../core/clock.js";
import { createDispatcher } from "../../core/delivery/dispatcher.js";
import { newId } from "../../core/ids.js";
import { silentLogger } from "../../core/logger.js";
import { type Db, openDatabase } from "../../prisma/database.js";
import { migrate } from "../../prisma/migrate.js";
import { createAccountStore } from "../../prisma/store/accounts.js";
import { createDeliveryStore } from "../../prisma/store/deliveries.js";
import { startFakePlatform } from "../../scripts/bench/support/fake-platform.js";
import { HttpFakeAdapter } from "../../scripts/bench/support/http-adapter.js";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";

// Against a fake platform on 127.0.0.1 that enforces its own rate limit: the 429s are real HTTP
// answers with retry-after, so this test runs on the real clock (well under a second of waits).
describe("dispatcher against a local fake platform", () => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    await migrate(database.url);
    db = await openDatabase(database.url);
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it("honours 429 retry-after, retries 502, stops at 403, and delivers the rest exactly once", async () => {
    const platform = await startFakePlatform({
      perSecond: 50,
      burst: 2,
      blocked: ["blocked"],
      serverErrors: 3,
    });
    await db.learner.create({
      data: {
        id: newId(),
        displayName: "Blocked",
        accounts: {
          create: { id: newId(), platform: "telegram", externalId: "b", chatId: "blocked" },
        },
      },
    });
    const store = createDeliveryStore(db);
    const now = new Date();
    await store.enqueue(
      Array.from({ length: 60 }, (_, i) => ({
        idempotencyKey: `http:${i}`,
        learnerId: null,
        platform: "telegram" as const,
        target: i === 7 ? "blocked" : `chat-${i}`,
        kind: "announcement" as const,
        courseId: null,
        payload: [{ text: `m${i}` }],
        dueAt: now,
      })),
    );
    // The dispatcher is configured far faster than the platform allows, to provoke 429s.
    const dispatcher = createDispatcher({
      adapter: new HttpFakeAdapter(platform.url, { perSecond: 2_000 }),
      deliveries: store,
      accounts: createAccountStore(db),
      clock: systemClock,
      logger: silentLogger,
      concurrency: 8,
      backoff: { baseMs: 20, maxMs: 100 },
    });
    let pending = 60;
    for (let round = 0; round < 50 && pending > 0; round++) {
      await dispatcher.drain();
      pending = await db.delivery.count({
        where: { status: { in: ["pending", "failed", "sending"] } },
      });
      if (pending > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await platform.stop();

    expect(platform.tooMany).toBeGreaterThan(0);
    expect(platform.serverErrors).toBe(3);
    expect(platform.received.size).toBe(59);
    expect([...platform.received.values()].every((count) => count === 1)).toBe(true);
    expect(await store.counts()).toEqual({ sent: 59, dead: 1 });
    const account = await db.account.findFirstOrThrow({ where: { chatId: "blocked" } });
    expect(account.reachable).toBe(false);
  });
});
