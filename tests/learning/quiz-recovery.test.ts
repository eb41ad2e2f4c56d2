import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reply } from "../../core/messages.js";
import { DATABASE_KINDS } from "../support/databases.js";
import {
  actionLabelled,
  type CourseFixture,
  createHarness,
  type Harness,
  type InsertedCourse,
  insertCourse,
  lastQuestion,
  SQL_COURSE,
  textOf,
} from "./fixtures.js";

const MINUTE = 60_000;

/** Like the Carpentries import: lessons without quizzes. */
const SHELL_COURSE: CourseFixture = {
  slug: "shell-novice",
  title: "The Unix Shell",
  lessons: [
    { key: "intro", title: "Introducing the shell", parts: ["The shell runs programs."] },
    { key: "files", title: "Files and folders", parts: ["ls lists files."] },
  ],
};

const PYTHON_COURSE: CourseFixture = {
  slug: "python-basics",
  title: "Python Basics",
  lessons: [
    {
      key: "vars",
      title: "Variables",
      parts: ["x = 1 stores 1 in x."],
      quiz: [
        {
          type: "truefalse",
          prompt: "= stores a value in a name.",
          options: ["True", "False"],
          correct: [0],
        },
        { type: "numeric", prompt: "What is 5 / 2?", correct: 2.5, tolerance: 0 },
      ],
    },
  ],
};

/** Enrolls `user` in SQL Basics and walks lesson 1 up to its first quiz question. */
async function reachSqlQuiz(h: Harness, user: string): Promise<Reply[]> {
  await h.say("/enroll sql-basics", user);
  await h.say("/next", user);
  const exercise = await h.say("/next", user);
  await h.press(actionLabelled(exercise, "Show solution"), user);
  return h.press(actionLabelled(await h.say("/next", user), "Not yet"), user);
}

describe.each(DATABASE_KINDS)("quiz recovery, typed choices and messages on %s", (kind) => {
  let h: Harness;
  let sql: InsertedCourse;
  beforeAll(async () => {
    h = await createHarness(kind);
    sql = await insertCourse(h.db, SQL_COURSE);
    await insertCourse(h.db, SHELL_COURSE);
    await insertCourse(h.db, PYTHON_COURSE);
  });
  afterAll(async () => h.close());

  it("/quiz resumes an open quiz of another course after enrolling elsewhere", async () => {
    const open = lastQuestion(await reachSqlQuiz(h, "ann"));
    h.clock.advance(MINUTE);
    await h.say("/enroll shell-novice", "ann");
    await h.say("/next", "ann");

    const replies = await h.say("/quiz", "ann");

    const resumed = lastQuestion(replies);
    expect(resumed.attemptId).toBe(open.attemptId);
    expect(resumed.questionId).toBe(sql.lessons[0]!.questionIds[0]);
    expect(replies.at(-1)!.text).toContain("**Quiz: Selecting columns** · question 1 of 3");
    expect(await h.db.attempt.count({ where: { learnerId: await h.learnerId("ann") } })).toBe(1);
  });

  it("with several quizzes open, /quiz lists them with a button each", async () => {
    h.clock.advance(MINUTE);
    await h.say("/enroll python-basics", "ann");
    const python = lastQuestion(await h.say("/next", "ann"));

    const [choice] = await h.say("/quiz", "ann");

    expect(choice!.text).toBe(
      "You have 2 quizzes open. Which one do you want to go on with?\n- Quiz: Variables (**Python Basics**): question 1 of 2\n- Quiz: Selecting columns (**SQL Basics**): question 1 of 3",
    );
    expect(choice!.actions!.map((a) => a.label)).toEqual([
      "Quiz: Variables (Python Basics)",
      "Quiz: Selecting columns (SQL Basics)",
    ]);
    const resumed = await h.press(actionLabelled([choice!], "Variables"), "ann");
    expect(lastQuestion(resumed)).toMatchObject({
      attemptId: python.attemptId,
      prompt: "= stores a value in a name.",
    });
  });

  it("a true/false question takes true/false/yes/no typed, graded like the button, once", async () => {
    const question = lastQuestion(
      await h.say("/quiz", "ann").then(async (r) => {
        return h.press(actionLabelled(r, "Variables"), "ann");
      }),
    );
    const typed = await h.say("yes", "ann");
    expect(typed[0]!.text).toContain("✅ **Correct!**");
    expect(lastQuestion(typed).prompt).toBe("What is 5 / 2?");
    const button = await h.press(`${question.answerActionPrefix}0`, "ann");
    expect(textOf(button)).toContain("That question is closed");
    const answers = await h.db.answer.findMany({ where: { attemptId: question.attemptId } });
    expect(answers.map((a) => [a.questionId, a.correct, a.response])).toEqual([
      [question.questionId, true, "[0]"],
    ]);

    const finished = await h.say("2,5", "ann");
    expect(textOf(finished)).toContain("**Quiz finished: 2 of 2 right (100%).** Passed ✅");
  });

  it("a single-choice question takes its number, letter or text typed", async () => {
    const first = lastQuestion(await h.say("/quiz", "ann"));
    expect(first.type).toBe("single");
    const [unclear] = await h.say("maybe", "ann");
    expect(unclear!.text).toBe(
      "Answer with the option's number (1 to 3), its letter (a to c) or its text.",
    );
    const replies = await h.say("b", "ann");
    expect(replies[0]!.text).toContain("✅ **Correct!**");
    expect(replies[0]!.updatesSource).toBeUndefined();
    expect(lastQuestion(replies).type).toBe("multiple");
    const row = await h.db.answer.findFirstOrThrow({
      where: { attemptId: first.attemptId, questionId: first.questionId },
    });
    expect(row).toMatchObject({ correct: true, response: "[1]" });
  });

  it("a typed answer after a command still reaches the open question", async () => {
    await h.say("/progress", "ann");
    const question = lastQuestion(await h.say("/quiz", "ann"));
    expect(question.type).toBe("multiple");
    await h.say("/help", "ann");
    const [lost] = await h.say("1,3", "ann");
    expect(lost!.text).toContain("I did not understand that.");
    await h.press(`qt:${question.attemptId}:${question.questionId}:0`, "ann");
    const typed = await h.say("a, c", "ann");
    expect(typed[0]!.text).toContain("✅ **Correct!**");
  });

  it("after a command, an answer button turns typing back on for the next question", async () => {
    const first = lastQuestion(await reachSqlQuiz(h, "cleo"));
    await h.say("/help", "cleo");

    const next = lastQuestion(await h.press(`${first.answerActionPrefix}0`, "cleo"));
    const typed = await h.say("1", "cleo");

    expect(next.questionId).not.toBe(first.questionId);
    expect(typed[0]!.text).not.toContain("I did not understand");
    const answered = await h.db.answer.count({ where: { attemptId: first.attemptId } });
    expect(answered).toBe(2);
  });

  it("a numeric answer with a decimal comma is read as a number", async () => {
    const replies = await h.say("3,0", "ann");
    expect(replies[0]!.text).toContain("✅ **Correct!**");
    expect(textOf(replies)).toContain("**Quiz finished: 3 of 3 right (100%).**");
  });

  it("an invalid option index says the choice is not valid; an empty Submit asks for one", async () => {
    const first = lastQuestion(await reachSqlQuiz(h, "bob"));
    const [invalid] = await h.press(`qa:${first.attemptId}:${first.questionId}:-1`, "bob");
    expect(invalid!.text).toBe(
      "That choice is not valid: this question has options 1 to 3. Nothing was recorded; pick one of them.",
    );
    const second = lastQuestion(await h.press(`${first.answerActionPrefix}1`, "bob"));
    const [empty] = await h.press(second.answerActionPrefix, "bob");
    expect(empty!.text).toBe("Select at least one option, then Submit.");
    expect(await h.db.answer.count({ where: { attemptId: first.attemptId } })).toBe(1);
  });

  it("/quiz with nothing waiting describes the course's own quizzes", async () => {
    await h.say("/enroll shell-novice", "cy");
    const [shell] = await h.say("/quiz", "cy");
    expect(shell!.text).toBe(
      "No quiz is waiting right now and nothing is due for review. Send /next to go on with your lesson; **The Unix Shell** has no quizzes, so lessons go on without one.",
    );
    const [nobody] = await h.say("/quiz", "dee");
    expect(nobody!.text).toBe(
      "No quiz is waiting right now and nothing is due for review. You are not enrolled in a course yet: send /courses to find one.",
    );
  });

  it("/review alone shows star buttons for the current course", async () => {
    const [ask] = await h.say("/review", "cy");
    expect(ask!.text).toContain("How would you rate **The Unix Shell**?");
    expect(ask!.actions!.map((a) => [a.id, a.label])).toEqual(
      [1, 2, 3, 4, 5].map((n) => [`rt:c-shell-novice:${n}`, "★".repeat(n)]),
    );
    const [saved] = await h.press(ask!.actions![3]!.id, "cy");
    expect(saved!.text).toBe("Thanks! Your 4/5 review of **The Unix Shell** is saved.");
    const [none] = await h.say("/review", "dee");
    expect(none!.text).toBe("Enroll in a course before reviewing it: /courses lists them.");
  });

  it("an exercise button from a never-enrolled learner says so", async () => {
    const exerciseId = sql.lessons[0]!.exerciseIds[0]!;
    const [reply] = await h.press(`xs:${sql.id}:${exerciseId}`, "dee");
    expect(reply).toEqual({
      text: "You are not enrolled in that course; send /courses to find it.",
      actions: [{ id: `co:${sql.id}`, label: "SQL Basics" }],
    });
  });
});
