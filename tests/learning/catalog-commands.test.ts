import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/databases.js";
import { createHarness, type Harness, insertCourse, SQL_COURSE, textOf } from "./fixtures.js";

describe.each(DATABASE_KINDS)("catalog commands on %s", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(kind);
    await insertCourse(h.db, SQL_COURSE);
    await insertCourse(h.db, {
      slug: "python-intro",
      title: "Python Introduction",
      summary: "Variables, lists and loops.",
      topics: ["python", "programming"],
      lessons: [{ key: "vars", title: "Variables", parts: ["x = 1"] }],
    });
  });
  afterAll(async () => h.close());

  it("/start welcomes the learner and names the main commands", async () => {
    const [reply] = await h.say("/start");
    expect(reply!.text).toContain("Welcome to StudyHall, Ada Lovelace!");
    for (const command of ["/courses", "/enroll", "/next", "/quiz", "/progress"]) {
      expect(reply!.text).toContain(command);
    }
    expect(reply!.actions).toEqual([{ id: "cl", label: "Browse courses", style: "primary" }]);
  });

  it("/start with a course slug (a deep link) shows that course's card with Enroll", async () => {
    const [card] = await h.say("/start sql-basics", "deep");
    expect(card!.text).toContain("**SQL Basics**");
    expect(card!.actions).toEqual([{ id: "en:c-sql-basics", label: "Enroll", style: "primary" }]);
  });

  it("/courses lists every course with a button to open it", async () => {
    const [reply] = await h.say("/courses");
    expect(reply!.text).toContain("SQL Basics");
    expect(reply!.text).toContain("Python Introduction");
    expect(reply!.actions!.map((a) => a.id)).toEqual(["co:c-python-intro", "co:c-sql-basics"]);
  });

  it("/courses <query> matches title, summary and topics and records the search", async () => {
    const byTopic = await h.say("/courses DATABASES", "searcher");
    const none = await h.say("/courses cobol", "searcher");

    expect(byTopic[0]!.text).toContain("SQL Basics");
    expect(byTopic[0]!.text).not.toContain("Python");
    expect(byTopic[0]!.actions).toEqual([{ id: "co:c-sql-basics:s", label: "SQL Basics" }]);
    expect(textOf(none)).toBe('No course matches "cobol". Send /courses to see all 2 courses.');
    const events = await h.db.analyticsEvent.findMany({
      where: { name: "search" },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => JSON.parse(e.props))).toEqual([
      { query: "DATABASES", results: 1 },
      { query: "cobol", results: 0 },
    ]);
  });

  it("opening a search result records search_click and course_view", async () => {
    const learnerId = await h.learnerId("searcher");
    await h.press("co:c-sql-basics:s", "searcher");
    const names = await h.db.analyticsEvent.findMany({
      where: { learnerId, name: { in: ["search_click", "course_view"] } },
      select: { name: true, courseId: true },
    });
    expect(names.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: "course_view", courseId: "c-sql-basics" },
      { name: "search_click", courseId: "c-sql-basics" },
    ]);
  });

  it("/course shows the card: facts, syllabus, rating with reviews, attribution and licence", async () => {
    const reviewer = await h.db.learner.create({ data: { id: "rev1", displayName: "Rita" } });
    await h.db.review.create({
      data: {
        id: "r1",
        courseId: "c-sql-basics",
        learnerId: reviewer.id,
        rating: 4,
        text: "Clear!",
        verified: true,
      },
    });
    const [card] = await h.say("/course sql-basics");
    expect(card!.text).toContain("Query tables with SELECT and WHERE.");
    expect(card!.text).toContain("Level: beginner · Language: en");
    expect(card!.text).toContain("Topics: sql, databases");
    expect(card!.text).toContain("Instructor: Grace Hopper");
    expect(card!.text).toContain("Workload: about 1 h, 2 lessons");
    expect(card!.text).toContain("1. Selecting columns\n2. Filtering rows");
    expect(card!.text).toContain("4.0 from 1 review");
    expect(card!.text).toContain('> 4/5 "Clear!" (Rita, completed the course)');
    expect(card!.text).toContain("Material: Adapted from the Example Carpentry lesson");
    expect(card!.text).toContain("Licence: CC-BY 4.0");
    expect(card!.links![0]).toEqual({
      label: "Course page",
      url: "https://studyhall.test/courses/sql-basics",
    });
  });

  it("an unknown course answers with the closest matches as buttons", async () => {
    const [reply] = await h.say("/course sql-basic");
    const [typo] = await h.say("/enroll pyton-intro");
    expect(reply!.text).toContain('No course "sql-basic". Did you mean one of these?');
    expect(reply!.actions).toEqual([{ id: "co:c-sql-basics", label: "SQL Basics" }]);
    expect(typo!.actions).toEqual([{ id: "co:c-python-intro", label: "Python Introduction" }]);
  });

  it("an unknown course with nothing close points to the list", async () => {
    const [reply] = await h.say("/course quantum-chromodynamics");
    expect(reply!.text).toBe(
      'No course "quantum-chromodynamics". Send /courses to see every course.',
    );
  });

  it("an unknown command lists the commands that exist", async () => {
    const [reply] = await h.say("/enrol sql-basics");
    expect(reply!.text).toContain("There is no /enrol command. The commands are:");
    for (const name of [
      "/start",
      "/courses",
      "/course",
      "/enroll",
      "/next",
      "/quiz",
      "/progress",
      "/certificate",
      "/review",
      "/feedback",
      "/help",
    ]) {
      expect(reply!.text).toContain(name);
    }
  });

  it("empty and over-long text get a clear answer and change nothing", async () => {
    const before = await h.db.enrollment.count();
    const [empty] = await h.say("   ");
    const [long] = await h.say(`/courses ${"x".repeat(5000)}`);
    const [longQuery] = await h.say(`/courses ${"y".repeat(150)}`);
    expect(empty!.text).toBe(
      "That message was empty. Send a command such as /next, or /help for the list.",
    );
    expect(long!.text).toContain("I read at most 4000");
    expect(longQuery!.text).toBe(
      "Search words are limited to 100 characters; yours were 150. Try fewer words.",
    );
    expect(await h.db.enrollment.count()).toBe(before);
  });
});
