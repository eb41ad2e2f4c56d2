import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/databases.js";
import {
  actionLabelled,
  createHarness,
  type Harness,
  type InsertedCourse,
  insertCourse,
  lastQuestion,
  SQL_COURSE,
  textOf,
} from "./fixtures.js";

describe.each(DATABASE_KINDS)("enrollment and lessons on %s", (kind) => {
  let h: Harness;
  let course: InsertedCourse;
  beforeAll(async () => {
    h = await createHarness(kind);
    course = await insertCourse(h.db, SQL_COURSE);
  });
  afterAll(async () => h.close());

  it("/next before enrolling says how to enroll", async () => {
    const [reply] = await h.say("/next", "newbie");
    expect(reply!.text).toContain("You are not enrolled in a course yet.");
  });

  it("/enroll creates the enrollment and shows the first part with its objectives", async () => {
    const replies = await h.say("/enroll sql-basics");
    expect(replies[0]!.text).toContain("You are enrolled in **SQL Basics**: 2 lessons.");
    expect(replies[1]!.text).toContain("**Lesson 1 of 2: Selecting columns** · part 1 of 2");
    expect(replies[1]!.text).toContain("- Understand Selecting columns");
    expect(replies[1]!.text).toContain("SELECT picks columns.");
    expect(replies[1]!.actions).toEqual([
      { id: "nx:c-sql-basics", label: "Next", style: "primary" },
    ]);
    const enrollment = await h.db.enrollment.findFirstOrThrow({ where: { courseId: course.id } });
    expect(enrollment).toMatchObject({ status: "active", currentLesson: "select", currentPart: 1 });
  });

  it("enrolling twice says so, offers Continue and creates nothing", async () => {
    const [reply] = await h.press("en:c-sql-basics");
    expect(reply!.text).toBe("You are already enrolled in **SQL Basics**.");
    expect(reply!.actions).toEqual([
      { id: "nx:c-sql-basics", label: "Continue", style: "primary" },
    ]);
    expect(await h.db.enrollment.count({ where: { courseId: course.id } })).toBe(1);
  });

  it("the solution is shown only after the learner has seen the exercise prompt", async () => {
    const exerciseId = course.lessons[0]!.exerciseIds[0]!;
    const replies = await h.press(`xs:c-sql-basics:${exerciseId}`);
    expect(replies[0]!.text).toBe("Have a go at the exercise first; here it is.");
    expect(replies[1]!.text).toContain("List the cheapest order.");
    expect(textOf(replies)).not.toContain("ORDER BY price LIMIT 1");
  });

  it("/next walks the parts, then the exercise (reveal, judge), then the quiz", async () => {
    const part2 = await h.say("/next");
    expect(part2[0]!.text).toContain("part 2 of 2");
    expect(part2[0]!.text).toContain("FROM names the table.");

    const exercise = await h.press("nx:c-sql-basics");
    expect(exercise[0]!.text).toContain("**Exercise (Selecting columns): Cheapest**");
    const solution = await h.press(actionLabelled(exercise, "Show solution"));
    expect(solution[0]!.text).toContain("SELECT * FROM orders ORDER BY price LIMIT 1;");

    const next = await h.press(actionLabelled(solution, "I understood"));
    expect(next[0]!.text).toBe("Noted: understood ✅");
    expect(next[1]!.text).toContain(
      "**Quiz: Selecting columns**: 3 questions, you need 70% to pass.",
    );
    expect(lastQuestion(next).prompt).toBe("Which keyword picks columns?");
    const result = await h.db.exerciseResult.findFirstOrThrow({
      where: { exerciseId: course.lessons[0]!.exerciseIds[0]! },
    });
    expect(result.understood).toBe(true);
    expect(result.revealedAt).not.toBeNull();
  });

  it("/next during the quiz resumes the current question", async () => {
    const replies = await h.say("/next");
    expect(lastQuestion(replies).prompt).toBe("Which keyword picks columns?");
    expect(await h.db.attempt.count()).toBe(1);
  });

  it("after the quiz the lesson completes with its key points and the next lesson starts", async () => {
    const q1 = lastQuestion(await h.say("/quiz"));
    const afterQ1 = await h.press(`${q1.answerActionPrefix}1`);
    const q2 = lastQuestion(afterQ1);
    const afterQ2 = await h.press(`${q2.answerActionPrefix}0,2`);
    const finished = await h.say("3");
    expect(textOf(finished)).toContain("**Quiz finished: 3 of 3 right (100%).** Passed ✅");

    expect(finished.at(-1)!.text).toContain("✅ **Lesson complete: Selecting columns**");
    expect(finished.at(-1)!.text).toContain("- SELECT chooses columns");

    const next = await h.press(actionLabelled(finished, "Next"));
    expect(next[0]!.text).toContain("**Lesson 2 of 2: Filtering rows** · part 1 of 1");
    expect(next).toHaveLength(1);
    expect(afterQ2[0]!.text).toContain("✅ **Correct!**");
  });
});
