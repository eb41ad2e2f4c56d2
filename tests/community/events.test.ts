import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../core/clock.js";
import { planEventReminders } from "../../core/community/event-reminders.js";
import { eventFeature, parseEventArgs } from "../../core/community/events.js";
import { createAccountStore } from "../../prisma/store/accounts.js";
import { createEventStore, createStaffStore } from "../../prisma/store/community.js";
import { createDeliveryStore } from "../../prisma/store/deliveries.js";
import { DATABASE_KINDS } from "../support/databases.js";
import { communityDatabase, conversationWith } from "./harness.js";

describe("parseEventArgs", () => {
  const now = new Date("2026-12-01T10:00:00Z");

  it("reads the time in the instructor's zone", () => {
    const parsed = parseEventArgs("sql-basics 2026-12-10 18:30 Office hours", "Asia/Kolkata", now);

    expect(parsed).toEqual({
      slug: "sql-basics",
      startsAt: new Date("2026-12-10T13:00:00Z"),
      title: "Office hours",
    });
  });

  it("explains a malformed, impossible or past time", () => {
    expect(parseEventArgs("sql-basics tomorrow", "UTC", now)).toEqual({
      problem: expect.stringContaining("Please write it as /event <course-slug>"),
    });
    expect(parseEventArgs("sql 2026-02-30 10:00 X", "UTC", now)).toEqual({
      problem: expect.stringContaining('"2026-02-30 10:00" is not a valid date'),
    });
    expect(parseEventArgs("sql 2026-11-30 10:00 X", "UTC", now)).toEqual({
      problem: "2026-11-30 10:00 (UTC) is in the past. Pick a future time.",
    });
  });
});

describe.each(DATABASE_KINDS)("events on %s", (kind) => {
  let env: Awaited<ReturnType<typeof communityDatabase>>;
  let send: ReturnType<typeof conversationWith>["send"];

  beforeAll(async () => {
    env = await communityDatabase(kind);
    const feature = eventFeature({
      events: createEventStore(env.db),
      staff: createStaffStore(env.db),
      catalog: { listCourses: async () => [env.course] },
    });
    send = conversationWith(env.db, [feature], new ManualClock("2026-12-01T10:00:00Z")).send;
  });
  afterAll(() => env.close());

  it("refuses /event to a learner who does not teach the course", async () => {
    const replies = await send({
      userId: "9",
      text: "/event sql-basics 2026-12-10 18:00 Office hours",
    });

    expect(replies[0]!.text).toBe("Only the course's instructors can schedule its events.");
    expect(await env.db.event.count()).toBe(0);
  });

  it("lets course staff schedule, and enrolled learners RSVP", async () => {
    await send({ userId: "teacher", text: "/help" });
    const teacher = await env.db.account.findFirstOrThrow({ where: { externalId: "teacher" } });
    await env.db.courseStaff.create({
      data: { courseId: env.course.id, learnerId: teacher.learnerId },
    });
    await send({ userId: "student", text: "/help" });
    const student = await env.db.account.findFirstOrThrow({ where: { externalId: "student" } });
    await env.db.enrollment.create({
      data: { id: "enrol000001", learnerId: student.learnerId, courseId: env.course.id },
    });

    const created = await send({
      userId: "teacher",
      text: "/event sql-basics 2026-12-10 18:00 Office hours",
    });
    const listed = await send({ userId: "student", text: "/events" });
    const going = await send({ userId: "student", action: listed[0]!.actions![0]!.id });

    expect(created[0]!.text).toContain("Scheduled **Office hours**: Thu 10 Dec 2026, 18:00");
    expect(listed[0]!.text).toContain("**Office hours**");
    expect(listed[0]!.actions!.map((a) => a.label)).toEqual([
      "Going",
      "Interested",
      "Can't make it",
    ]);
    expect(going[0]!.text).toContain("you are going");
    const event = await env.db.event.findFirstOrThrow();
    expect(await createEventStore(env.db).attendees(event.id)).toEqual([student.learnerId]);
  });

  it("says so when a learner has no upcoming events", async () => {
    const replies = await send({ userId: "loner", text: "/events" });

    expect(replies[0]!.text).toContain("No upcoming events");
  });
});

describe.each(DATABASE_KINDS)("event reminders on %s", (kind) => {
  let env: Awaited<ReturnType<typeof communityDatabase>>;

  beforeAll(async () => {
    env = await communityDatabase(kind);
  });
  afterAll(() => env.close());

  it("writes one reminder per reachable account of each attendee, once", async () => {
    const { send } = conversationWith(env.db, [], new ManualClock("2026-12-01T10:00:00Z"));
    await send({ userId: "a1", text: "/help" });
    await send({
      userId: "b1",
      text: "/help",
      platform: "web",
      chat: { id: "b1", kind: "direct" },
    });
    const [a, b] = await Promise.all(
      ["a1", "b1"].map((externalId) => env.db.account.findFirstOrThrow({ where: { externalId } })),
    );
    await env.db.account.update({ where: { id: b!.id }, data: { reachable: false } });
    const events = createEventStore(env.db);
    const event = await events.create({
      courseId: env.course.id,
      title: "Live SQL clinic",
      description: "",
      startsAt: new Date("2026-12-01T10:20:00Z"),
      durationMinutes: 60,
      location: "Voice channel",
      createdById: a!.learnerId,
    });
    await events.rsvp(event.id, a!.learnerId, "going");
    await events.rsvp(event.id, b!.learnerId, "interested");
    const deps = {
      events,
      accounts: createAccountStore(env.db),
      deliveries: createDeliveryStore(env.db),
      timeZoneOf: async () => "Europe/Berlin",
    };

    const first = await planEventReminders(deps, new Date("2026-12-01T10:00:00Z"));
    const second = await planEventReminders(deps, new Date("2026-12-01T10:01:00Z"));

    expect(first).toBe(1);
    expect(second).toBe(0);
    const row = await env.db.delivery.findFirstOrThrow({ where: { kind: "event" } });
    expect(row.target).toBe("a1");
    expect(JSON.parse(row.payload)).toEqual([
      {
        text: "Reminder: **Live SQL clinic** starts Tue 1 Dec 2026, 11:20 GMT+1.\n\nWhere: Voice channel",
      },
    ]);
  });
});
