import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../core/clock.js";
import { createDispatcher } from "../../core/delivery/dispatcher.js";
import { RateLimitedError, TransientError, UnreachableError } from "../../core/errors.js";
import { newId } from "../../core/ids.js";
import { silentLogger } from "../../core/logger.js";
import type { NewDelivery } from "../../core/ports/deliveries.js";
import { type Db, openDatabase } from "../../prisma/database.js";
import { migrate } from "../../prisma/migrate.js";
import { createAccountStore } from "../../prisma/store/accounts.js";
import { createDeliveryStore } from "../../prisma/store/deliveries.js";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases.js";
import { fakeSleep } from "./support/fake-sleep.js";
import { RecordingAdapter } from "./support/recording-adapter.js";

describe.each(DATABASE_KINDS)("dispatcher on %s", (kind) => {
  let database: TestDatabase;
  let db: Db;
  let clock: ManualClock;
  let adapter: RecordingAdapter;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await migrate(database.url);
    db = await openDatabase(database.url);
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });
  beforeEach(async () => {
    await db.delivery.deleteMany();
    await db.learner.deleteMany();
    clock = new ManualClock("2027-03-10T09:00:00Z");
    adapter = new RecordingAdapter("telegram", clock, { perSecond: 10 });
  });

  function dispatcher(
    options: { concurrency?: number; perSecond?: number; maxAttempts?: number; store?: Db } = {},
  ) {
    return createDispatcher({
      adapter,
      deliveries: createDeliveryStore(options.store ?? db),
      accounts: createAccountStore(options.store ?? db),
      clock,
      logger: silentLogger,
      sleep: fakeSleep(clock),
      random: () => 1,
      ...options,
    });
  }

  async function enqueue(count: number, target = (i: number) => `chat-${i}`, due = clock.now()) {
    const rows: NewDelivery[] = Array.from({ length: count }, (_, i) => ({
      idempotencyKey: `test:${newId()}`,
      learnerId: null,
      platform: "telegram",
      target: target(i),
      kind: "announcement",
      courseId: null,
      payload: [{ text: `message ${i}` }],
      dueAt: due,
    }));
    return createDeliveryStore(db).enqueue(rows);
  }

  it("sends due rows once and records the attempt and time", async () => {
    await enqueue(3);
    await enqueue(1, () => "later", new Date(clock.now().getTime() + 60_000));
    const start = clock.now().getTime();
    const stats = await dispatcher().drain();
    expect(stats).toEqual({ sent: 3, rateLimited: 0, retried: 0, dead: 0 });
    expect(adapter.received.map((r) => r.replies[0]!.text).sort()).toEqual([
      "message 0",
      "message 1",
      "message 2",
    ]);
    const sent = await db.delivery.findMany({ where: { status: "sent" } });
    // 10 messages a second with a burst of one: 100 ms apart, recorded once sent.
    expect(adapter.received.map((r) => r.at.toISOString())).toEqual([
      "2027-03-10T09:00:00.000Z",
      "2027-03-10T09:00:00.100Z",
      "2027-03-10T09:00:00.200Z",
    ]);
    expect(sent.map((row) => row.attempts)).toEqual([1, 1, 1]);
    for (const row of sent) expect(row.sentAt!.getTime()).toBeGreaterThanOrEqual(start);
    expect(await db.delivery.count({ where: { status: "pending" } })).toBe(1);
  });

  it("skips a duplicate idempotency key on enqueue", async () => {
    const store = createDeliveryStore(db);
    const row: NewDelivery = {
      idempotencyKey: "same",
      learnerId: null,
      platform: "telegram",
      target: "t",
      kind: "lesson",
      courseId: null,
      payload: [{ text: "x" }],
      dueAt: clock.now(),
    };
    expect(await store.enqueue([row])).toBe(1);
    expect(await store.enqueue([row, { ...row, idempotencyKey: "other" }])).toBe(1);
    expect(await db.delivery.count()).toBe(2);
  });

  it("sends at the configured rate", async () => {
    await enqueue(50);
    const start = clock.now().getTime();
    await dispatcher({ perSecond: 10 }).drain();
    const times = adapter.received.map((r) => r.at.getTime() - start);
    expect(times.length).toBe(50);
    // Burst of 1 (a tenth of 10/s), then one every 100 ms: the 50th leaves at 4.9 s.
    expect(Math.max(...times)).toBe(4_900);
    for (let i = 10; i < times.length; i++)
      expect(times[i]! - times[i - 10]!).toBeGreaterThanOrEqual(1_000);
  });

  it("waits the retry-after of a 429 without counting it as an attempt", async () => {
    await enqueue(1);
    adapter.failWith.push(new RateLimitedError(5_000));
    const first = await dispatcher().drain();
    expect(first.rateLimited).toBe(1);
    const waiting = await db.delivery.findFirstOrThrow();
    expect(waiting).toMatchObject({ status: "pending", attempts: 0 });
    expect(waiting.nextAttemptAt.toISOString()).toBe("2027-03-10T09:00:05.000Z");
    expect(waiting.lastError).toContain("retry after 5000 ms");
    clock.advance(5_000);
    await dispatcher().drain();
    expect(await db.delivery.findFirstOrThrow()).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("retries network errors and 5xx with capped exponential backoff, then gives up", async () => {
    await enqueue(1);
    for (let i = 0; i < 10; i++) adapter.failWith.push(new TransientError("502 bad gateway"));
    const d = dispatcher({ maxAttempts: 4 });
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      await d.drain();
      const row = await db.delivery.findFirstOrThrow();
      if (row.status === "dead") break;
      expect(row).toMatchObject({
        status: "failed",
        attempts: i + 1,
        lastError: "502 bad gateway",
      });
      delays.push(row.nextAttemptAt.getTime() - clock.now().getTime());
      clock.set(row.nextAttemptAt);
    }
    // Jitter pinned to the top of the range: 2 s, 4 s, 8 s.
    expect(delays).toEqual([2_000, 4_000, 8_000]);
    expect(await db.delivery.findFirstOrThrow()).toMatchObject({ status: "dead", attempts: 4 });
  });

  it("stops for good when the recipient blocked the bot and marks the account unreachable", async () => {
    const learner = await db.learner.create({
      data: {
        id: newId(),
        displayName: "Blocker",
        accounts: {
          create: { id: newId(), platform: "telegram", externalId: "u1", chatId: "chat-0" },
        },
      },
      include: { accounts: true },
    });
    await enqueue(3, () => "chat-0");
    await enqueue(1, () => "chat-1");
    adapter.failTarget.set("chat-0", new UnreachableError("403 bot was blocked by the user"));
    const stats = await dispatcher({ concurrency: 1 }).drain();
    expect(stats.dead).toBe(1);
    expect(stats.sent).toBe(1);
    const byStatus = await db.delivery.groupBy({
      by: ["status"],
      _count: { _all: true },
      orderBy: { status: "asc" },
    });
    expect(byStatus.map((g) => [g.status, g._count._all])).toEqual([
      ["dead", 1],
      ["sent", 1],
      ["skipped", 2],
    ]);
    const account = await db.account.findUniqueOrThrow({ where: { id: learner.accounts[0]!.id } });
    expect(account).toMatchObject({
      reachable: false,
      unreachableReason: "403 bot was blocked by the user",
    });
  });

  it("gives a row claimed by a process that died back after the lease", async () => {
    await enqueue(1);
    const store = createDeliveryStore(db);
    const orphan = await store.claim({
      platform: "telegram",
      claimToken: "dead:1",
      limit: 5,
      now: clock.now(),
      leaseMs: 60_000,
    });
    expect(orphan).toHaveLength(1);
    clock.advance(59_000);
    expect((await dispatcher().drain()).sent).toBe(0);
    clock.advance(2_000);
    expect((await dispatcher().drain()).sent).toBe(1);
    expect(await db.delivery.findFirstOrThrow()).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("marks an unreadable payload dead", async () => {
    await enqueue(1);
    await db.delivery.updateMany({ data: { payload: "{not json" } });
    expect((await dispatcher().drain()).dead).toBe(1);
    expect((await db.delivery.findFirstOrThrow()).lastError).toMatch(/^unreadable payload/);
  });

  it("sends each row once with two dispatchers on two connections", async () => {
    await enqueue(120);
    const other = await openDatabase(database.url);
    const [a, b] = await Promise.all([
      dispatcher({ perSecond: 1000, concurrency: 4 }).drain(),
      dispatcher({ perSecond: 1000, concurrency: 4, store: other }).drain(),
    ]);
    await other.$disconnect();
    expect(a.sent + b.sent).toBe(120);
    const ids = adapter.received.map((r) => r.replies[0]!.text);
    expect(new Set(ids).size).toBe(120);
    expect(ids.length).toBe(120);
  });

  it("keeps at most `concurrency` sends in flight", async () => {
    await enqueue(30);
    let inFlight = 0;
    let most = 0;
    const slow = new RecordingAdapter("telegram", clock, { perSecond: 1000 });
    slow.send = async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
    };
    adapter = slow;
    expect((await dispatcher({ perSecond: 1000, concurrency: 5 }).drain()).sent).toBe(30);
    expect(most).toBe(5);
  });
});
