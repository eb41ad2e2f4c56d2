import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../core/logger.js";
import { createLessonPlanner } from "../../core/schedule/plan-lessons.js";
import { openDatabase } from "../../prisma/database.js";
import { createScheduleStore } from "../../prisma/store/schedule.js";
import { createSettingsStore } from "../../prisma/store/settings.js";
import { DATABASE_KINDS } from "../support/databases.js";
import { createScheduleHarness, type ScheduleHarness } from "./support/harness.js";
import { enroll, seedCourse, seedLearner } from "./support/seed.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe.each(DATABASE_KINDS)("lesson planner on %s", (kind) => {
  let harness: ScheduleHarness;
  afterEach(async () => harness?.close());

  async function setUp(
    start: string,
    learners: Array<[string, Parameters<typeof seedLearner>[2]]>,
  ) {
    harness = await createScheduleHarness(kind, start);
    const courseId = await seedCourse(harness.db, "c1", 10, 2);
    const ids: string[] = [];
    for (const [name, settings] of learners) {
      const id = await seedLearner(harness.db, name, settings);
      await enroll(harness.db, id, courseId, new Date(start));
      ids.push(id);
    }
    return { courseId, ids };
  }

  const headings = (name: string) => harness.adapters.get("telegram")!.headings(`${name}-telegram`);

  it("fires exactly once on the fall-back day when the lesson time exists twice", async () => {
    // 2027-11-07 in New York: 01:30 EDT (05:30Z) and 01:30 EST (06:30Z).
    await setUp("2027-11-07T03:00:00Z", [
      ["ny", { timeZone: "America/New_York", lessonMinute: 90 }],
    ]);
    for (let t = 0; t < 6 * 60; t++) {
      harness.clock.advance(MINUTE);
      await harness.tick();
    }
    const received = harness.adapters.get("telegram")!.received;
    expect(received.map((r) => r.at.toISOString())).toEqual(["2027-11-07T05:30:00.000Z"]);
  });

  it("plans nothing twice when run again, late, or by two planners at once", async () => {
    await setUp("2027-03-10T08:59:00Z", [
      ["a", { lessonMinute: 540 }],
      ["b", { lessonMinute: 540 }],
    ]);
    harness.clock.advance(MINUTE);
    const second = await openDatabase(harness.database.url);
    const other = createLessonPlanner({
      schedule: createScheduleStore(second),
      clock: harness.clock,
      logger: silentLogger,
    });
    const [mine, theirs] = await Promise.all([harness.planner.run(), other.run()]);
    expect(mine.planned + theirs.planned).toBe(2);
    harness.clock.advance(3 * HOUR);
    expect((await harness.planner.run()).planned).toBe(0);
    await second.$disconnect();

    expect(await harness.db.delivery.count()).toBe(2);
    const enrollment = await harness.db.enrollment.findFirstOrThrow({
      where: {
        learnerId: (await harness.db.learner.findFirstOrThrow({ where: { displayName: "a" } })).id,
      },
    });
    expect(enrollment).toMatchObject({ currentLesson: "lesson-1", currentPart: 2 });
  });

  it("plans a 23:59 lesson on the learner's local date", async () => {
    // 23:59 in Los Angeles on 10 March 2027 is 07:59Z on 11 March.
    await setUp("2027-03-11T07:58:00Z", [
      ["la", { timeZone: "America/Los_Angeles", lessonMinute: 1439 }],
    ]);
    await harness.tick();
    expect(headings("la")).toEqual([]);
    harness.clock.advance(MINUTE);
    await harness.tick();
    harness.clock.advance(MINUTE);
    await harness.tick();
    expect(headings("la")).toEqual([expect.stringContaining("Your lesson for today")]);
    const row = await harness.db.delivery.findFirstOrThrow();
    expect(row.idempotencyKey).toMatch(/:2027-03-10:0:/);
  });

  it("does not create two lessons when the clock jumps forward a day, and merges the missed one", async () => {
    await setUp("2027-03-10T08:00:00Z", [["j", { lessonMinute: 540 }]]);
    harness.clock.advance(2 * HOUR); // 10:00, the 10 March lesson is due
    await harness.tick();
    harness.clock.advance(24 * HOUR + 30 * MINUTE); // jumps to 11 March 10:30: the 11 March lesson only
    await harness.tick();
    harness.clock.advance(48 * HOUR); // 13 March 10:30: 12 March was missed, one merged message
    await harness.tick();
    await harness.tick();
    expect(headings("j")).toEqual([
      expect.stringContaining("**Your lesson for today** in Course c1: lesson 1 of 10"),
      expect.stringContaining("**Your lesson for today** in Course c1: lesson 2 of 10"),
      expect.stringContaining("**Here is where you left off** in Course c1: lesson 3 of 10"),
    ]);
    const keys = (await harness.db.delivery.findMany({ orderBy: { dueAt: "asc" } })).map(
      (r) => r.idempotencyKey.split(":")[3],
    );
    expect(keys).toEqual(["2027-03-10", "2027-03-11", "2027-03-13"]);
  });

  it("merges a lesson more than a day late into a where-you-left-off message", async () => {
    // Monday-only learner; the process starts on Wednesday with Monday's lesson unsent.
    await setUp("2027-03-08T00:00:00Z", [["w", { lessonMinute: 540, studyDays: [1] }]]);
    harness.clock.set("2027-03-10T12:00:00Z");
    await harness.tick();
    expect(headings("w")).toEqual([expect.stringContaining("Here is where you left off")]);
    const row = await harness.db.delivery.findFirstOrThrow();
    expect(row.dueAt.toISOString()).toBe("2027-03-10T12:00:00.000Z");
  });

  it("gives one lesson per local date to a learner who changes time zone mid-course", async () => {
    const { ids } = await setUp("2027-03-10T07:00:00Z", [
      ["tz", { timeZone: "Europe/Berlin", lessonMinute: 540 }],
    ]);
    harness.clock.advance(HOUR + MINUTE); // 09:01 Berlin: lesson of 10 March
    await harness.tick();
    await createSettingsStore(harness.db).update(ids[0]!, { timeZone: "America/New_York" });
    // 09:00 in New York on 10 March is 14:00Z: same local date, no second lesson.
    for (let t = 0; t < 30; t++) {
      harness.clock.advance(HOUR);
      await harness.tick();
    }
    const received = harness.adapters.get("telegram")!.received;
    expect(received.map((r) => r.at.toISOString())).toEqual([
      "2027-03-10T08:01:00.000Z",
      "2027-03-11T14:01:00.000Z",
    ]);
    expect(headings("tz")[1]).toContain("**Your lesson for today** in Course c1: lesson 2 of 10");
  });

  it("sends nothing to paused learners and starts again on resume", async () => {
    const { ids } = await setUp("2027-03-10T08:00:00Z", [
      ["p", { lessonMinute: 540, paused: true }],
    ]);
    harness.clock.advance(2 * HOUR);
    await harness.tick();
    expect(headings("p")).toEqual([]);
    await createSettingsStore(harness.db).update(ids[0]!, { paused: false });
    harness.clock.advance(24 * HOUR);
    await harness.tick();
    expect(headings("p")).toEqual([expect.stringContaining("Your lesson for today")]);
  });

  it("sends several lessons a day in order and stops when the course has nothing left", async () => {
    harness = await createScheduleHarness(kind, "2027-03-10T07:00:00Z");
    const courseId = await seedCourse(harness.db, "short", 2, 1);
    const id = await seedLearner(harness.db, "pace", { lessonMinute: 480, lessonsPerDay: 3 });
    await enroll(harness.db, id, courseId, new Date("2027-03-10T07:00:00Z"));
    for (let t = 0; t < 12; t++) {
      harness.clock.advance(HOUR);
      await harness.tick();
    }
    const received = harness.adapters.get("telegram")!.received;
    expect(received.map((r) => [r.at.toISOString(), r.replies[1]!.text])).toEqual([
      ["2027-03-10T08:00:00.000Z", "Lesson 1 part 1"],
      ["2027-03-10T11:00:00.000Z", "Lesson 2 part 1"],
    ]);
    expect(await harness.db.delivery.count({ where: { status: "skipped" } })).toBe(1);
  });
});
