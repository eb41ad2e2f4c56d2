import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reply } from "../../core/messages.js";
import { DATABASE_KINDS } from "../support/databases.js";
import {
  actionLabelled,
  createHarness,
  createProcess,
  type Harness,
  type InsertedCourse,
  insertCourse,
  lastQuestion,
  SQL_COURSE,
  textOf,
} from "./fixtures.js";

const DAY = 24 * 60 * 60 * 1000;

/** Enrolls `user` and walks lesson 1 up to its first quiz question. */
async function reachQuiz(h: Harness, user: string): Promise<Reply[]> {
  await h.say("/enroll sql-basics", user);
  await h.say("/next", user);
  const exercise = await h.say("/next", user);
  await h.press(actionLabelled(exercise, "Show solution"), user);
  return h.press(actionLabelled(await h.say("/next", user), "Not yet"), user);
}

describe.each(DATABASE_KINDS)("quizzes on %s", (kind) => {
  let h: Harness;
  let course: InsertedCourse;
  beforeAll(async () => {
    h = await createHarness(kind);
    course = await insertCourse(h.db, SQL_COURSE);
  });
  afterAll(async () => h.close());

  it("a question carries a QuestionView for native quiz rendering", async () => {
    const replies = await reachQuiz(h, "view");
    const question = lastQuestion(replies);
    expect(question).toMatchObject({
      questionId: course.lessons[0]!.questionIds[0],
      type: "single",
      prompt: "Which keyword picks columns?",
      options: ["FROM", "SELECT", "WHERE"],
      correctOptions: [1],
      explanation: "SELECT lists the columns to return.",
    });
    expect(question.answerActionPrefix).toBe(`qa:${question.attemptId}:${question.questionId}:`);
    expect(replies.at(-1)!.actions!.map((a) => a.id)).toEqual(
      [0, 1, 2].map((i) => `${question.answerActionPrefix}${i}`),
    );
  });

  it("a wrong answer gets instant feedback with the right answer and the explanation", async () => {
    const question = lastQuestion(await h.say("/quiz", "view"));
    const replies = await h.press(`${question.answerActionPrefix}0`, "view");
    expect(replies[0]).toEqual({
      text: "Which keyword picks columns?\n\n❌ **Not quite.** The right answer: SELECT.\n\nSELECT lists the columns to return.",
      updatesSource: true,
    });
    expect(lastQuestion(replies).prompt).toBe("Which are SQL keywords?");
  });

  it("the same answer sent twice counts once and the second is told the question is closed", async () => {
    const question = lastQuestion(await reachQuiz(h, "twice"));
    const action = `${question.answerActionPrefix}1`;
    const [first, second] = await Promise.all([h.press(action, "twice"), h.press(action, "twice")]);
    const again = await h.press(action, "twice");

    const texts = [textOf(first), textOf(second)];
    expect(texts.filter((t) => t.includes("✅ **Correct!**"))).toHaveLength(1);
    expect(textOf(again)).toContain("That question is closed");
    expect(await h.db.answer.count({ where: { attemptId: question.attemptId } })).toBe(1);
    const right = { attemptId: question.attemptId, correct: true };
    expect(await h.db.answer.count({ where: right })).toBe(1);
  });

  it("an answer to a question that is no longer current changes nothing", async () => {
    const question = lastQuestion(await h.say("/quiz", "twice"));
    const stale = `qa:${question.attemptId}:${course.lessons[0]!.questionIds[0]}:0`;
    const before = await h.db.answer.count();
    const [reply] = await h.press(stale, "twice");
    expect(reply!.text).toBe(
      "That question is closed: it was already answered or the quiz has moved on. Nothing was changed. Send /quiz to see the current question.",
    );
    expect(await h.db.answer.count()).toBe(before);
    const other = await h.press(`${question.answerActionPrefix}0,2`, "someone-else");
    expect(textOf(other)).toContain("That question is closed");
  });

  it("two processes sharing the database each see the answers the other recorded", async () => {
    const other = createProcess(h.db, h.clock);
    const first = lastQuestion(await reachQuiz(h, "two-proc"));
    const viaOther = await other.send("two-proc", { action: `${first.answerActionPrefix}1` });
    const second = lastQuestion(viaOther);

    const viaFirst = await h.press(`${second.answerActionPrefix}0,2`, "two-proc");
    const finished = await other.send("two-proc", { text: "3" });

    expect(viaOther[0]!.text).toContain("✅ **Correct!**");
    expect(viaFirst[0]!.text).toContain("✅ **Correct!**");
    expect(textOf(finished)).toContain("**Quiz finished: 3 of 3 right (100%).**");
    const stale = await h.press(`${second.answerActionPrefix}0,2`, "two-proc");
    expect(textOf(stale)).toContain("That question is closed");
    expect(await h.db.answer.count({ where: { attemptId: first.attemptId } })).toBe(3);
  });

  it("multiple-answer questions take toggle buttons and Submit", async () => {
    const question = lastQuestion(await h.say("/quiz", "twice"));
    expect(question.type).toBe("multiple");
    const toggled = await h.press(`qt:${question.attemptId}:${question.questionId}:0`, "twice");
    expect(toggled[0]!.updatesSource).toBe(true);
    expect(toggled[0]!.actions!.map((a) => a.label)).toEqual([
      "☑ 1. SELECT",
      "☐ 2. PRINT",
      "☐ 3. WHERE",
      "☐ 4. LOOP",
      "Submit",
    ]);
    const both = await h.press(actionLabelled(toggled, "3. WHERE"), "twice");
    const replies = await h.press(actionLabelled(both, "Submit"), "twice");
    expect(replies[0]!.text).toContain("✅ **Correct!**");
    expect(lastQuestion(replies).type).toBe("numeric");
  });

  it("numeric answers are typed; text that is not a number keeps the question open", async () => {
    const [notNumber] = await h.say("three", "twice");
    expect(notNumber!.text).toBe(
      'Answer with a number, for example 42 or 3.5 ("three" is not one).',
    );
    const replies = await h.say("3", "twice");
    expect(textOf(replies)).toContain("✅ **Correct!**");
    expect(textOf(replies)).toContain("**Quiz finished: 3 of 3 right (100%).** Passed ✅");
  });

  it("multiple answers can be typed as 1,3 and bad numbers are explained", async () => {
    await h.press(`${lastQuestion(await reachQuiz(h, "typist")).answerActionPrefix}1`, "typist");
    const [outOfRange] = await h.say("1,7", "typist");
    expect(outOfRange!.text).toBe("There is no option 7; the options are numbered 1 to 4.");
    const replies = await h.say("1, 3", "typist");
    expect(replies[0]!.text).toContain("✅ **Correct!**");
  });

  it("short answers are typed and compared without case or punctuation", async () => {
    await h.say("3", "typist");
    await h.press(actionLabelled(await h.say("/next", "typist"), "Next"), "typist");
    const tf = lastQuestion(await h.say("/next", "typist"));
    const afterTf = await h.press(`${tf.answerActionPrefix}0`, "typist");
    expect(lastQuestion(afterTf).type).toBe("short");
    expect(afterTf.at(-1)!.expectsText).toEqual({ label: "Your answer" });
    const replies = await h.say("  where. ", "typist");
    expect(replies[0]!.text).toContain("✅ **Correct!**");
  });

  it("a quiz below the pass mark can be retaken; a passed one cannot", async () => {
    const first = lastQuestion(await reachQuiz(h, "failer"));
    const q2 = lastQuestion(await h.press(`${first.answerActionPrefix}0`, "failer"));
    await h.press(`${q2.answerActionPrefix}1`, "failer");
    const finished = await h.say("10", "failer");
    expect(textOf(finished)).toContain(
      "**Quiz finished: 0 of 3 right (0%).** You need 70% to pass",
    );

    const retake = await h.press(actionLabelled(finished, "Retake quiz"), "failer");
    const retry = lastQuestion(retake);
    expect(retry.attemptId).not.toBe(first.attemptId);
    const closedOld = await h.press(`${first.answerActionPrefix}1`, "failer");
    expect(textOf(closedOld)).toContain("That question is closed");

    const q2b = lastQuestion(await h.press(`${retry.answerActionPrefix}1`, "failer"));
    await h.press(`${q2b.answerActionPrefix}0,2`, "failer");
    const passed = await h.say("3", "failer");
    expect(textOf(passed)).toContain("Passed ✅");
    const again = await h.press(`qr:${course.lessons[0]!.quizId}`, "failer");
    expect(again[0]!.text).toBe("You already passed this quiz with 100%. Send /next to continue.");
  });

  it("missed questions come back through /quiz when due, moving up Leitner boxes", async () => {
    const learnerId = await h.learnerId("failer");
    const items = await h.db.reviewItem.findMany({
      where: { learnerId },
      orderBy: { dueAt: "asc" },
    });
    expect(items.map((i) => i.box)).toEqual([1, 1, 1]);
    expect(textOf(await h.say("/quiz", "failer"))).not.toContain("Review");

    h.clock.advance(DAY + 1000);
    const offered = await h.say("/quiz", "failer");
    expect(offered[0]!.text).toBe(
      "No lesson quiz is waiting, so here are questions you missed before.",
    );
    const review = lastQuestion(offered);
    expect(review.answerActionPrefix.startsWith("sa:")).toBe(true);
    const answer = `${review.answerActionPrefix}${review.correctOptions.join(",")}`;
    const replies = await h.press(answer, "failer");
    expect(replies[0]!.text).toContain("✅ **Correct!**");
    const moved = await h.db.reviewItem.findUniqueOrThrow({
      where: { learnerId_questionId: { learnerId, questionId: review.questionId } },
    });
    expect(moved.box).toBe(2);
    expect(moved.dueAt.getTime()).toBe(h.clock.now().getTime() + 2 * DAY);
    expect(textOf(await h.press(answer, "failer"))).toContain("That question is closed");
  });
});
