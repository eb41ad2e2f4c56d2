import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  canonicalCertificateJson,
  verifyCertificate,
} from "../../core/learning/certificate-signature.js";
import { DATABASE_KINDS } from "../support/databases.js";
import {
  actionLabelled,
  createHarness,
  type Harness,
  insertCourse,
  lastQuestion,
  SQL_COURSE,
  textOf,
} from "./fixtures.js";

const DAY = 24 * 60 * 60 * 1000;

/** Walks the whole SQL course as `user`, answering every question right. */
async function finishCourse(h: Harness, user: string) {
  let replies = await h.say("/enroll sql-basics", user);
  for (let step = 0; step < 40; step++) {
    const last = replies.at(-1)!;
    if (last.text.includes("You completed")) return replies;
    const question = last.question;
    if (question?.type === "short") replies = await h.say("WHERE", user);
    else if (question?.type === "numeric") replies = await h.say("3", user);
    else if (question)
      replies = await h.press(
        `${question.answerActionPrefix}${question.correctOptions.join(",")}`,
        user,
      );
    else {
      const action = last.actions?.find((a) =>
        ["Next", "Show solution", "I understood"].includes(a.label),
      );
      replies = action ? await h.press(action.id, user) : await h.say("/next", user);
    }
  }
  throw new Error(`course not finished: ${textOf(replies)}`);
}

describe.each(DATABASE_KINDS)("progress, completion and certificates on %s", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(kind);
    await insertCourse(h.db, SQL_COURSE);
  });
  afterAll(async () => h.close());

  it("/progress before enrolling says so, and is personal", async () => {
    const [reply] = await h.say("/progress", "idle");
    expect(reply).toEqual({
      text: "You are not enrolled in any course yet. Send /courses to find one.",
      personal: true,
    });
  });

  it("/progress shows percent, lessons, quiz scores, exercises and the streak", async () => {
    await h.say("/enroll sql-basics", "mid");
    await h.say("/next", "mid");
    const exercise = await h.say("/next", "mid");
    await h.press(actionLabelled(exercise, "Show solution"), "mid");
    const quiz = await h.press(actionLabelled(await h.say("/next", "mid"), "I understood"), "mid");
    const q2 = lastQuestion(await h.press(`${lastQuestion(quiz).answerActionPrefix}1`, "mid"));
    await h.press(`${q2.answerActionPrefix}0`, "mid");
    await h.say("3", "mid");

    const [reply] = await h.say("/progress", "mid");
    expect(reply!.personal).toBe(true);
    expect(reply!.text).toContain("Streak: 1 day in a row");
    expect(reply!.text).toContain("**SQL Basics**: 50% · 1 of 2 lessons done");
    expect(reply!.text).toContain(
      "Quizzes passed: 0 of 2 · best scores: Selecting columns 2 of 3 right (67%)",
    );
    expect(reply!.text).toContain("Exercises understood: 1 of 1");
  });

  it("the streak counts consecutive days in the learner's time zone", async () => {
    const learnerId = await h.learnerId("mid");
    await h.db.learner.update({ where: { id: learnerId }, data: { timeZone: "Pacific/Auckland" } });
    await h.deps.activity.record(learnerId, "Pacific/Auckland", new Date("2026-03-02T10:00:00Z"));
    // 13:00 UTC is already the next day in Auckland (UTC+13).
    await h.deps.activity.record(learnerId, "Pacific/Auckland", new Date("2026-03-02T13:00:00Z"));
    const streak = await h.deps.learning.getStreak(learnerId);
    expect(streak).toEqual({ days: 2, lastDate: "2026-03-03" });
  });

  it("completing the course issues one signed certificate and offers rating buttons", async () => {
    const replies = await finishCourse(h, "ada");
    const done = replies.at(-1)!;
    const certificate = await h.db.certificate.findFirstOrThrow({ include: { course: true } });
    const url = `https://studyhall.test/certificates/${certificate.id}`;
    expect(done.text).toContain("🎓 **You completed SQL Basics!**");
    expect(done.links).toEqual([{ label: "Certificate", url }]);
    expect(done.personal).toBe(true);
    expect(done.actions!.map((a) => a.id)).toEqual(
      [1, 2, 3, 4, 5].map((n) => `rt:c-sql-basics:${n}`),
    );
    expect(certificate).toMatchObject({
      learnerName: "Ada Lovelace",
      courseTitle: "SQL Basics",
      issuer: "StudyHall Test",
    });

    const claims = { ...certificate, courseSlug: certificate.course.slug };
    expect(verifyCertificate(h.signer.publicKeyPem, claims, certificate.signature)).toBe(true);
    expect(
      verifyCertificate(
        h.signer.publicKeyPem,
        { ...claims, learnerName: "Mallory" },
        certificate.signature,
      ),
    ).toBe(false);
    expect(canonicalCertificateJson(claims)).toBe(
      `{"courseSlug":"sql-basics","courseTitle":"SQL Basics","id":"${certificate.id}","issuedAt":"${certificate.issuedAt.toISOString()}","issuer":"StudyHall Test","learnerName":"Ada Lovelace"}`,
    );
    const enrollment = await h.db.enrollment.findFirstOrThrow({
      where: { learner: { displayName: "Ada Lovelace" } },
    });
    expect(enrollment.status).toBe("completed");
  });

  it("reaching the end again shows the same certificate, never a second one", async () => {
    const replies = await h.say("/next");
    expect(textOf(replies)).toContain("You completed SQL Basics!");
    expect(await h.db.certificate.count()).toBe(1);
  });

  it("/certificate lists certificates with their links; /progress shows 100%", async () => {
    const certificate = await h.db.certificate.findFirstOrThrow();
    const [list] = await h.say("/certificate");
    expect(list!.text).toContain(
      `- **SQL Basics**, issued 2026-03-02: https://studyhall.test/certificates/${certificate.id}`,
    );
    expect(list!.personal).toBe(true);
    const [progress] = await h.say("/progress");
    expect(progress!.text).toContain("**SQL Basics**: 100% · 2 of 2 lessons done");
    const [none] = await h.say("/certificate", "mid");
    expect(none!.text).toContain("You have no certificate yet.");
  });

  it("a rating button saves a verified review; /review updates it with text", async () => {
    const [rated] = await h.press("rt:c-sql-basics:4");
    expect(rated!.text).toBe("Thanks! Your 4/5 review of **SQL Basics** is saved.");
    const [updated] = await h.say("/review 5 Clear and practical.");
    expect(updated!.text).toBe("Thanks! Your 5/5 review of **SQL Basics** is updated.");
    const reviews = await h.db.review.findMany();
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ rating: 5, text: "Clear and practical.", verified: true });
  });

  it("a review before completing is saved unverified; bad ratings and long text are refused", async () => {
    const [saved] = await h.say("/review 3", "mid");
    expect(saved!.text).toContain("is saved.");
    const [zero] = await h.say("/review 0 meh", "mid");
    expect(zero!.text).toBe(
      '"0" is not a rating. Rate your course from 1 to 5, optionally with a sentence: /review 5 Clear and practical.',
    );
    const [long] = await h.say(`/review 2 ${"a".repeat(1001)}`, "mid");
    expect(long!.text).toBe(
      "Your review is 1001 characters long; the limit is 1000. Please shorten it; nothing was saved.",
    );
    const [none] = await h.say("/review 5", "idle");
    expect(none!.text).toBe("Enroll in a course before reviewing it: /courses lists them.");
    const review = await h.db.review.findFirstOrThrow({
      where: { learnerId: await h.learnerId("mid") },
    });
    expect(review).toMatchObject({ rating: 3, text: "", verified: false });
  });

  it("/feedback without text waits for it; over-long feedback is refused and nothing is saved", async () => {
    const [ask] = await h.say("/feedback", "mid");
    expect(ask!.text).toBe(
      "What would you like to tell the instructors of **SQL Basics**? Type it in one message.",
    );
    expect(ask!.expectsText?.label).toBe("Your feedback");
    const [tooLong] = await h.say("b".repeat(2500), "mid");
    expect(tooLong!.text).toBe(
      "Your feedback is 2500 characters long; the limit is 2000. Please send it shorter; nothing was saved.",
    );
    expect(await h.db.feedback.count()).toBe(0);
    const [thanks] = await h.say("More exercises please", "mid");
    expect(thanks!.text).toBe(
      "Thank you! Your feedback was passed on to the instructors of **SQL Basics**.",
    );
    const [direct] = await h.say("/feedback Great course", "ada");
    expect(direct!.text).toContain("Thank you!");
    const rows = await h.db.feedback.findMany({ orderBy: { text: "asc" } });
    expect(rows.map((r) => [r.text, r.courseId])).toEqual([
      ["Great course", "c-sql-basics"],
      ["More exercises please", "c-sql-basics"],
    ]);
    const [after] = await h.say("stray text", "mid");
    expect(after!.text).toContain("I did not understand that.");
  });

  it("the streak breaks after a day without study", async () => {
    h.clock.advance(3 * DAY);
    const [progress] = await h.say("/progress");
    expect(progress!.text).toContain("Streak: 0 days in a row");
  });
});
