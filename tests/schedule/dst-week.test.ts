import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wallClockInstant } from "../../core/schedule/slots.js";
import { DATABASE_KINDS } from "../support/databases.js";
import { createScheduleHarness, type ScheduleHarness } from "./support/harness.js";
import { enroll, seedCourse, seedLearner } from "./support/seed.js";

interface Case {
  name: string;
  timeZone: string;
  lessonMinute: number;
  studyDays?: number[];
}

// The week 2027-03-08 .. 2027-03-15 holds New York's spring-forward (Sunday 14 March).
const CASES: Case[] = [
  { name: "nyc-0230", timeZone: "America/New_York", lessonMinute: 150 },
  { name: "nyc-0800", timeZone: "America/New_York", lessonMinute: 480 },
  { name: "berlin", timeZone: "Europe/Berlin", lessonMinute: 450 },
  { name: "kolkata", timeZone: "Asia/Kolkata", lessonMinute: 1290 },
  { name: "kathmandu", timeZone: "Asia/Kathmandu", lessonMinute: 375 },
  { name: "chatham", timeZone: "Pacific/Chatham", lessonMinute: 525 },
  { name: "la-2355", timeZone: "America/Los_Angeles", lessonMinute: 1435, studyDays: [1, 3, 5] },
];
const TICK_MS = 5 * 60_000;

describe.each(DATABASE_KINDS)("a week with a daylight-saving change on %s", (kind) => {
  let harness: ScheduleHarness;

  beforeAll(async () => {
    harness = await createScheduleHarness(kind, "2027-03-08T00:00:00Z");
    const courseId = await seedCourse(harness.db, "dst", 20, 1);
    for (const c of CASES) {
      const { name, ...settings } = c;
      const learnerId = await seedLearner(harness.db, name, settings);
      await enroll(harness.db, learnerId, courseId, new Date("2027-03-08T00:00:00Z"));
    }
  }, 120_000);

  afterAll(async () => harness.close());

  it("gives each learner exactly one lesson per due day, at their hour", async () => {
    const end = new Date("2027-03-15T00:00:00Z").getTime();
    while (harness.clock.now().getTime() < end) {
      harness.clock.advance(TICK_MS);
      await harness.tick();
    }

    const received = harness.adapters.get("telegram")!.received;
    for (const c of CASES) {
      const mine = received.filter((r) => r.target === `${c.name}-telegram`);
      const expected = dueDates(c).map((date) =>
        wallClockInstant(c.timeZone, date, c.lessonMinute),
      );
      expect(mine.map((r) => r.replies[0]!.text)).toEqual(
        expected.map((_, i) => expect.stringContaining(`lesson ${i + 1} of 20`)),
      );
      for (const [i, message] of mine.entries()) {
        const late = message.at.getTime() - expected[i]!.getTime();
        expect(late).toBeGreaterThanOrEqual(0);
        expect(late).toBeLessThan(TICK_MS);
      }
    }
    // The spring-forward lesson at 02:30 (which does not exist) came at 03:00 EDT.
    const spring = received.find(
      (r) => r.target === "nyc-0230-telegram" && r.replies[0]!.text.includes("lesson 7 of"),
    );
    expect(spring!.at.getTime() - new Date("2027-03-14T07:00:00Z").getTime()).toBeLessThan(TICK_MS);
    const rows = await harness.db.delivery.count({ where: { kind: "lesson" } });
    expect(rows).toBe(received.length);
  }, 240_000);
});

/** Local dates from 8 to 14 March whose lesson instant falls inside the test window. */
function dueDates(c: Case): string[] {
  const dates: string[] = [];
  for (let day = 7; day <= 15; day++) {
    const date = `2027-03-${String(day).padStart(2, "0")}`;
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay() || 7;
    if (c.studyDays && !c.studyDays.includes(weekday)) continue;
    const at = wallClockInstant(c.timeZone, date, c.lessonMinute).getTime();
    if (
      at > new Date("2027-03-08T00:00:00Z").getTime() &&
      at <= new Date("2027-03-15T00:00:00Z").getTime()
    ) {
      dates.push(date);
    }
  }
  return dates;
}
