import { afterEach, describe, expect, it } from "vitest";
import { createScheduling } from "../../app/compose-schedule.js";
import { readDeliveryConfig } from "../../app/delivery-config.js";
import { createDispatcher } from "../../core/delivery/dispatcher.js";
import { silentLogger } from "../../core/logger.js";
import { createAccountStore } from "../../prisma/store/accounts.js";
import { createDeliveryStore } from "../../prisma/store/deliveries.js";
import { RecordingAdapter } from "../delivery/support/recording-adapter.js";
import { createScheduleHarness, type ScheduleHarness } from "./support/harness.js";
import { enroll, seedCourse, seedLearner } from "./support/seed.js";

describe("scheduling in a process", () => {
  let harness: ScheduleHarness;
  afterEach(async () => harness?.close());

  it("catches up at start-up, sends through the dispatcher, and stops cleanly", async () => {
    harness = await createScheduleHarness("sqlite", "2027-03-10T12:00:00Z");
    const courseId = await seedCourse(harness.db, "s", 3, 1);
    const id = await seedLearner(harness.db, "boot", { lessonMinute: 540 });
    await enroll(harness.db, id, courseId, new Date("2027-03-01T00:00:00Z"));
    // The process was down since before 09:00; at start-up the 09:00 lesson goes out once.
    await harness.db.delivery.create({
      data: {
        id: "earlier",
        idempotencyKey: `lesson:${id}:${courseId}:2027-03-09:0:x`,
        learnerId: id,
        platform: "telegram",
        target: "boot-telegram",
        kind: "lesson",
        courseId,
        payload: "[]",
        dueAt: new Date("2027-03-09T09:00:00Z"),
        nextAttemptAt: new Date("2027-03-09T09:00:00Z"),
        status: "sent",
      },
    });
    const adapter = new RecordingAdapter("telegram", harness.clock, { perSecond: 30 });
    const scheduling = createScheduling({
      db: harness.db,
      accounts: createAccountStore(harness.db),
      adapters: [adapter],
      clock: harness.clock,
      logger: silentLogger,
      config: readDeliveryConfig({}),
    });
    scheduling.start();
    for (let i = 0; i < 100 && adapter.received.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await scheduling.tick();
    await scheduling.stop();
    expect(adapter.headings("boot-telegram")).toEqual([
      "**Your lesson for today** in Course s: lesson 1 of 3, **Lesson 1**.",
    ]);
  });

  it("puts rows it claimed but did not send back to pending when stopped", async () => {
    harness = await createScheduleHarness("sqlite", "2027-03-10T12:00:00Z");
    const store = createDeliveryStore(harness.db);
    await store.enqueue(
      [0, 1, 2].map((i) => ({
        idempotencyKey: `stop:${i}`,
        learnerId: null,
        platform: "telegram" as const,
        target: `t${i}`,
        kind: "announcement" as const,
        courseId: null,
        payload: [{ text: `m${i}` }],
        dueAt: harness.clock.now(),
      })),
    );
    let release: () => void = () => {};
    const adapter = new RecordingAdapter("telegram", harness.clock, { perSecond: 1000 });
    const send = adapter.send.bind(adapter);
    adapter.send = async (target, replies) => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return send(target, replies);
    };
    const dispatcher = createDispatcher({
      adapter,
      deliveries: store,
      accounts: createAccountStore(harness.db),
      clock: harness.clock,
      logger: silentLogger,
      concurrency: 1,
    });
    dispatcher.start();
    while (adapter.received.length === 0 && (await store.counts()).sending !== 2) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const stopping = dispatcher.stop();
    release();
    await stopping;
    expect(adapter.received).toHaveLength(1);
    const rows = await harness.db.delivery.findMany({ orderBy: { idempotencyKey: "asc" } });
    expect(rows.map((row) => [row.status, row.attempts])).toEqual([
      ["sent", 1],
      ["pending", 0],
      ["pending", 0],
    ]);
  });
});
