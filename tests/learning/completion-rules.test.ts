import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCourseCache } from "../../core/learning/course-cache.js";
import { createCatalogStore } from "../../prisma/store/catalog.js";
import { DATABASE_KINDS } from "../support/databases.js";
import {
  actionLabelled,
  type CourseFixture,
  createHarness,
  type Harness,
  insertCourse,
  lastQuestion,
  textOf,
} from "./fixtures.js";

const ONE_QUESTION = [
  {
    type: "single" as const,
    prompt: "Is 2 + 2 four?",
    options: ["Yes", "No"],
    correct: [0],
    explanation: "2 + 2 = 4.",
  },
];

const STRICT: CourseFixture = {
  slug: "strict",
  title: "Strict Course",
  lessons: [{ key: "only", title: "Only lesson", parts: ["Read me."], quiz: ONE_QUESTION }],
};

const WITH_FINAL: CourseFixture = {
  slug: "with-final",
  title: "Course With Final",
  lessons: [{ key: "one", title: "One", parts: ["Part."] }],
  finalExam: [
    {
      type: "numeric",
      prompt: "What is 6 times 7?",
      correct: 42,
      explanation: "6 × 7 = 42.",
    },
  ],
};

describe.each(DATABASE_KINDS)("completion rules on %s", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(kind);
    await insertCourse(h.db, STRICT);
    await insertCourse(h.db, WITH_FINAL);
  });
  afterAll(async () => h.close());

  it("a failed quiz must be retaken and passed before the course completes", async () => {
    await h.say("/enroll strict");
    const question = lastQuestion(await h.say("/next"));
    const failed = await h.press(`${question.answerActionPrefix}1`);
    expect(textOf(failed)).toContain("**Quiz finished: 0 of 1 right (0%).**");

    const end = await h.press(actionLabelled(failed, "Continue"));
    expect(end.at(-1)!.text).toBe(
      "You have worked through every lesson of Strict Course. To complete it, pass these quizzes:\n- Only lesson (you need 70%)",
    );
    expect(await h.db.certificate.count()).toBe(0);

    const retake = lastQuestion(await h.press(actionLabelled(end, "Retake: Only lesson")));
    const passed = await h.press(`${retake.answerActionPrefix}0`);
    expect(textOf(passed)).toContain("🎓 **You completed Strict Course!**");
    expect(await h.db.certificate.count()).toBe(1);
  });

  it("a course whose rule asks for a final exam starts it after the last lesson", async () => {
    await h.say("/enroll with-final", "finn");
    const exam = await h.say("/next", "finn");
    expect(exam[0]!.text).toContain("**Lesson complete: One**");
    expect(exam[1]!.text).toBe(
      "**Final exam: Course With Final**: 1 question, you need 70% to pass.",
    );
    expect(lastQuestion(exam).type).toBe("numeric");
    const [wrongInput] = await h.say("forty-two", "finn");
    expect(wrongInput!.text).toContain("Answer with a number");
    const done = await h.say("42", "finn");
    expect(textOf(done)).toContain("🎓 **You completed Course With Final!**");
  });

  it("the course cache sees a re-imported course once its content version changes", async () => {
    const cache = createCourseCache(createCatalogStore(h.db), 0);
    const before = await cache.findCourse("strict");
    await h.db.course.update({
      where: { slug: "strict" },
      data: { title: "Strict Course, revised", contentHash: "v2" },
    });
    const after = await cache.findCourse("STRICT");
    expect(before!.title).toBe("Strict Course");
    expect(after!.title).toBe("Strict Course, revised");
  });
});
