import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../core/logger.js";
import { createReminderPlanner, type ReminderPlanner } from "../../core/schedule/plan-reminders.js";
import { createAccountStore } from "../../prisma/store/accounts.js";
import { createDeliveryStore } from "../../prisma/store/deliveries.js";
import { createReminderStore } from "../../prisma/store/schedule.js";
import { DATABASE_KINDS } from "../support/databases.js";
import { createScheduleHarness, type ScheduleHarness } from "./support/harness.js";
import { enroll, seedCourse, seedLearner } from "./support/seed.js";

const HOUR = 3_600_000;

describe.each(DATABASE_KINDS)("reminders on %s", (kind) => {
  let harness: ScheduleHarness;
  let reminders: ReminderPlanner;
  afterEach(async () => harness?.close());

  async function setUp(start: string) {
    harness = await createScheduleHarness(kind, start);
    reminders = createReminderPlanner({
      reminders: createReminderStore(harness.db),
      deliveries: createDeliveryStore(harness.db),
      clock: harness.clock,
      logger: silentLogger,
      policy: { idleDays: 2, maxUnansweredNudges: 3, streakMinute: 20 * 60 },
    });
    return seedCourse(harness.db, "r", 3, 1);
  }

  async function runHours(hours: number) {
    for (let h = 0; h < hours; h++) {
      harness.clock.advance(HOUR);
      await reminders.run();
      for (const dispatcher of harness.dispatchers) await dispatcher.drain();
    }
  }

  const texts = (name: string) => harness.adapters.get("telegram")!.headings(`${name}-telegram`);

  it("nudges an idle learner once a day and stops after the unanswered limit until they return", async () => {
    const courseId = await setUp("2027-03-10T00:30:00Z");
    const id = await seedLearner(
      harness.db,
      "idle",
      { timeZone: "Asia/Kolkata", lessonMinute: 600, scheduleEnabled: false },
      ["telegram"],
      new Date("2027-03-01T00:00:00Z"),
    );
    await enroll(harness.db, id, courseId, new Date("2027-03-01T00:00:00Z"));
    await runHours(24 * 5);
    const nudges = texts("idle");
    expect(nudges).toHaveLength(3);
    expect(nudges[0]).toContain("It has been 9 days since your last lesson.");
    const times = harness.adapters.get("telegram")!.received.map((r) => r.at.toISOString());
    // 10:00 in Kolkata is 04:30Z; the clock ticks on the half hour.
    expect(times).toEqual([
      "2027-03-10T04:30:00.000Z",
      "2027-03-11T04:30:00.000Z",
      "2027-03-12T04:30:00.000Z",
    ]);

    // The learner writes again: the count resets; two idle days later nudges resume.
    await createAccountStore(harness.db).touch(id, harness.clock.now());
    await runHours(24);
    expect(texts("idle")).toHaveLength(3);
    await runHours(48);
    expect(texts("idle")).toHaveLength(4);
  });

  it("reminds a learner whose streak is at risk before local midnight, once", async () => {
    const courseId = await setUp("2027-03-10T00:00:00Z");
    const atRisk = await seedLearner(
      harness.db,
      "risk",
      { timeZone: "Europe/Berlin" },
      ["telegram"],
      new Date("2027-03-09T18:00:00Z"),
    );
    const safe = await seedLearner(
      harness.db,
      "safe",
      { timeZone: "Europe/Berlin" },
      ["telegram"],
      new Date("2027-03-10T08:00:00Z"),
    );
    await harness.db.learner.update({
      where: { id: atRisk },
      data: { streakDays: 6, streakLastDate: "2027-03-09" },
    });
    await harness.db.learner.update({
      where: { id: safe },
      data: { streakDays: 6, streakLastDate: "2027-03-10" },
    });
    await enroll(harness.db, atRisk, courseId);
    await enroll(harness.db, safe, courseId);
    await runHours(23);
    expect(texts("risk")).toEqual([
      "Your 6-day streak ends at midnight. One part of a lesson keeps it going: send /next.",
    ]);
    // 20:00 in Berlin is 19:00Z.
    expect(harness.adapters.get("telegram")!.received[0]!.at.toISOString()).toBe(
      "2027-03-10T19:00:00.000Z",
    );
    expect(texts("safe")).toEqual([]);
  });

  it("sends no reminder to a paused learner", async () => {
    const courseId = await setUp("2027-03-10T00:00:00Z");
    const id = await seedLearner(
      harness.db,
      "paused",
      { paused: true },
      ["telegram"],
      new Date("2027-01-01T00:00:00Z"),
    );
    await enroll(harness.db, id, courseId);
    await runHours(48);
    expect(texts("paused")).toEqual([]);
  });
});
