import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Platform, Reply } from "../../core/messages.js";
import { textOf } from "../learning/fixtures.js";
import { DATABASE_KINDS } from "../support/databases.js";
import { codeIn, createLinkHarness, type LinkHarness } from "./harness.js";

const MINUTE = 60_000;

/** Studies as `user` until the course is completed, answering every question right. */
async function finishCourse(h: LinkHarness, platform: Platform, user: string, slug: string) {
  let replies: Reply[] = await h.say(platform, user, `/enroll ${slug}`);
  for (let step = 0; step < 30; step++) {
    const last = replies.at(-1)!;
    if (last.text.includes("You completed")) return;
    const question = last.question;
    if (question) {
      const choice = `${question.answerActionPrefix}${question.correctOptions.join(",")}`;
      replies = await h.press(platform, user, choice);
    } else {
      const next = last.actions?.find((a) => a.label === "Next");
      replies = next
        ? await h.press(platform, user, next.id)
        : await h.say(platform, user, "/next");
    }
  }
  throw new Error(`course not finished: ${textOf(replies)}`);
}

describe.each(DATABASE_KINDS)("/link on %s", (kind) => {
  let h: LinkHarness;
  beforeAll(async () => {
    h = await createLinkHarness(kind);
  });
  afterAll(async () => h.close());

  it("joins progress made on Telegram and on the web into one learner that /progress shows", async () => {
    await h.say("web", "ana-web", "/enroll sql-basics");
    await h.say("web", "ana-web", "/next");
    await finishCourse(h, "telegram", "ana-tg", "python-basics");
    const webLearner = await h.learnerOf("web", "ana-web");
    const telegramLearner = await h.learnerOf("telegram", "ana-tg");
    const learnersBefore = await h.db.learner.count();

    const made = await h.say("web", "ana-web", "/link");
    const code = codeIn(made);
    const linked = await h.say("telegram", "ana-tg", `/link ${code}`);

    expect(made[0]!.personal).toBe(true);
    expect(made[0]!.text).toContain(`\`/link ${code}\``);
    expect(linked[0]!.text).toContain(
      "✅ Linked. This Telegram account and your web chat account are now one learner",
    );
    expect(linked[0]!.text).toContain(
      "1 course, 1 lesson with progress, 1 quiz attempt, 1 certificate",
    );
    expect(await h.learnerOf("telegram", "ana-tg")).toBe(webLearner);
    expect(await h.db.learner.count()).toBe(learnersBefore - 1);
    expect(await h.db.learner.findUnique({ where: { id: telegramLearner } })).toBeNull();
    const enrollments = await h.db.enrollment.findMany({
      where: { learnerId: webLearner },
      include: { progress: true },
      orderBy: { courseId: "asc" },
    });
    expect(enrollments.map((e) => [e.courseId, e.status, e.progress.length])).toEqual([
      ["c-python-basics", "completed", 1],
      ["c-sql-basics", "active", 1],
    ]);
    expect(await h.db.attempt.count({ where: { learnerId: webLearner } })).toBe(1);
    expect(await h.db.answer.count({ where: { learnerId: webLearner } })).toBe(1);
    expect(await h.db.certificate.count({ where: { learnerId: webLearner } })).toBe(1);

    const fromTelegram = textOf(await h.say("telegram", "ana-tg", "/progress"));
    const fromWeb = textOf(await h.say("web", "ana-web", "/progress"));
    expect(fromTelegram).toContain("**Python Basics**: 100% · 1 of 1 lessons done");
    expect(fromTelegram).toContain("**SQL Basics**: 0% · 0 of 2 lessons done");
    expect(fromWeb).toBe(fromTelegram);
  });

  it("keeps the code maker's records where both learners have one, and moves the rest", async () => {
    // Both study SQL Basics: the web learner saw lesson 1, the Discord learner lessons 1 and 2.
    await h.say("web", "bo-web", "/enroll sql-basics");
    await h.say("discord", "bo-dc", "/enroll sql-basics");
    const target = await h.learnerOf("web", "bo-web");
    const source = await h.learnerOf("discord", "bo-dc");
    const targetEnrollment = await h.db.enrollment.findFirstOrThrow({
      where: { learnerId: target },
    });
    const sourceEnrollment = await h.db.enrollment.findFirstOrThrow({
      where: { learnerId: source },
    });
    await h.db.progress.update({
      where: {
        enrollmentId_lessonId: {
          enrollmentId: sourceEnrollment.id,
          lessonId: "c-sql-basics-select",
        },
      },
      data: { partsSeen: 2 },
    });
    await h.db.progress.create({
      data: {
        enrollmentId: sourceEnrollment.id,
        lessonId: "c-sql-basics-where",
        partsSeen: 1,
        partsTotal: 1,
      },
    });
    await h.db.review.createMany({
      data: [
        {
          id: "rv-target-sql",
          courseId: "c-sql-basics",
          learnerId: target,
          rating: 5,
          text: "kept",
        },
        {
          id: "rv-source-sql",
          courseId: "c-sql-basics",
          learnerId: source,
          rating: 1,
          text: "dropped",
        },
        {
          id: "rv-source-py",
          courseId: "c-python-basics",
          learnerId: source,
          rating: 4,
          text: "moved",
        },
      ],
    });
    await h.db.event.create({
      data: { id: "ev-1", title: "Office hour", startsAt: new Date("2026-03-05T16:00:00Z") },
    });
    await h.db.event.create({
      data: { id: "ev-2", title: "Webinar", startsAt: new Date("2026-03-06T16:00:00Z") },
    });
    await h.db.eventRsvp.createMany({
      data: [
        { eventId: "ev-1", learnerId: target, status: "going" },
        { eventId: "ev-1", learnerId: source, status: "declined" },
        { eventId: "ev-2", learnerId: source, status: "interested" },
      ],
    });
    await h.db.studyGroup.create({
      data: {
        id: "sg-1",
        courseId: "c-sql-basics",
        name: "SQL evenings",
        platform: "discord",
        externalId: "th-1",
      },
    });
    await h.db.studyGroupMember.create({ data: { groupId: "sg-1", learnerId: source } });
    await h.db.tutorUsage.createMany({
      data: [
        { learnerId: target, day: "2026-03-02", questions: 3, tokens: 300 },
        { learnerId: source, day: "2026-03-02", questions: 2, tokens: 150 },
      ],
    });

    const code = codeIn(await h.say("web", "bo-web", "/link"));
    const linked = await h.say("discord", "bo-dc", `/link ${code}`);

    expect(linked[0]!.text).toContain("Moved over from this account: 1 lesson with progress.");
    expect(await h.db.enrollment.count({ where: { learnerId: target } })).toBe(1);
    const progress = await h.db.progress.findMany({
      where: { enrollmentId: targetEnrollment.id },
      orderBy: { lessonId: "asc" },
    });
    expect(progress.map((p) => [p.lessonId, p.partsSeen])).toEqual([
      ["c-sql-basics-select", 1],
      ["c-sql-basics-where", 1],
    ]);
    const reviews = await h.db.review.findMany({
      where: { learnerId: target },
      orderBy: { id: "asc" },
    });
    expect(reviews.map((r) => r.text)).toEqual(["moved", "kept"]);
    const rsvps = await h.db.eventRsvp.findMany({
      where: { learnerId: target },
      orderBy: { eventId: "asc" },
    });
    expect(rsvps.map((r) => [r.eventId, r.status])).toEqual([
      ["ev-1", "going"],
      ["ev-2", "interested"],
    ]);
    expect(await h.db.studyGroupMember.count({ where: { learnerId: target } })).toBe(1);
    const usage = await h.db.tutorUsage.findMany({ where: { learnerId: target } });
    expect(usage.map((u) => [u.day, u.questions, u.tokens])).toEqual([["2026-03-02", 5, 450]]);
    expect(await h.db.review.count({ where: { learnerId: source } })).toBe(0);
  });

  it("says 'is' when the two accounts are on the same platform", async () => {
    const code = codeIn(await h.say("web", "dee-laptop", "/link"));

    const linked = await h.say("web", "dee-phone", `/link ${code}`);

    expect(linked[0]!.text).toContain(
      "✅ Linked. This web chat account is now one learner with one progress record.",
    );
  });

  it("refuses a malformed, unknown, expired or used code, and changes nothing", async () => {
    await h.say("telegram", "cy-tg", "/enroll python-basics");
    const code = codeIn(await h.say("web", "cy-web", "/link"));
    const learners = await h.db.learner.count();
    const before = await h.learnerOf("telegram", "cy-tg");

    const malformed = textOf(await h.say("telegram", "cy-tg", "/link 12ab"));
    const wrong = code === "000000" ? "000001" : "000000";
    const unknown = textOf(await h.say("telegram", "cy-tg", `/link ${wrong}`));
    h.clock.advance(11 * MINUTE);
    const expired = textOf(
      await h.say("telegram", "cy-tg", `/link ${code.slice(0, 3)} ${code.slice(3)}`),
    );

    expect(malformed).toBe(
      '"12ab" is not a link code: a code is 6 digits, for example `/link 123456`. Send /link on the account you want to keep to get one.',
    );
    expect(unknown).toBe(
      `There is no link code ${wrong}. Check the digits, or send /link on your other account to get a new code.`,
    );
    expect(expired).toBe(
      `Link code ${code} has expired: codes last 10 minutes. Send /link on your other account to get a new code.`,
    );
    expect(await h.db.learner.count()).toBe(learners);
    expect(await h.learnerOf("telegram", "cy-tg")).toBe(before);

    const fresh = codeIn(await h.say("web", "cy-web", "/link"));
    await h.say("slack", "cy-slack", `/link ${fresh}`);
    const used = textOf(await h.say("telegram", "cy-tg", `/link ${fresh}`));
    expect(used).toBe(
      `Link code ${fresh} was already used, and each code works only once. Send /link on your other account to get a new code.`,
    );
    expect(await h.learnerOf("telegram", "cy-tg")).toBe(before);
  });

  it("refuses a code typed on the account that made it, or on an already linked account", async () => {
    const code = codeIn(await h.say("web", "di-web", "/link"));
    const learners = await h.db.learner.count();

    const same = textOf(await h.say("web", "di-web", `/link ${code}`));
    expect(same).toBe(
      `You made code ${code} on this account. Send \`/link ${code}\` from your other account (another platform or the web chat) to link the two.`,
    );
    expect(await h.db.linkCode.findUniqueOrThrow({ where: { code } })).toMatchObject({
      usedAt: null,
    });

    await h.say("telegram", "di-tg", `/link ${code}`);
    const again = textOf(await h.say("telegram", "di-tg", `/link ${code}`));
    const second = codeIn(await h.say("web", "di-web", "/link"));
    const linkedOther = textOf(await h.say("telegram", "di-tg", `/link ${second}`));

    const alreadyLinked =
      "This account already belongs to the learner who made that code, so there is nothing to link. Send /progress to see your study.";
    expect(again).toBe(alreadyLinked);
    expect(linkedOther).toBe(alreadyLinked);
    // The telegram learner was merged in by the first use: one learner fewer, no more.
    expect(await h.db.learner.count()).toBe(learners);
    expect(await h.learnerOf("telegram", "di-tg")).toBe(await h.learnerOf("web", "di-web"));
  });

  it("lets a quiz left open on the merged account go on after the link", async () => {
    let replies = await h.say("telegram", "hal-tg", "/enroll python-basics");
    for (let i = 0; i < 5 && !replies.at(-1)!.question; i++) {
      replies = await h.say("telegram", "hal-tg", "/next");
    }
    const before = replies.at(-1)!.question!;
    const code = codeIn(await h.say("web", "hal-web", "/link"));
    await h.say("telegram", "hal-tg", `/link ${code}`);

    const stale = await h.press("telegram", "hal-tg", `${before.answerActionPrefix}1`);
    const resumed = (await h.say("telegram", "hal-tg", "/quiz")).at(-1)!.question!;
    const answered = await h.press("telegram", "hal-tg", `${resumed.answerActionPrefix}1`);

    expect(textOf(stale)).toContain("Send /quiz to see the current question.");
    expect(resumed.attemptId).not.toBe(before.attemptId);
    expect(resumed.prompt).toBe("Which symbol assigns?");
    expect(textOf(answered)).toContain("Correct");
    const learner = await h.learnerOf("web", "hal-web");
    expect(await h.db.attempt.count({ where: { learnerId: learner, status: "passed" } })).toBe(1);
  });

  it("makes no code in a group chat, where others would see it", async () => {
    const replies = await h.say("telegram", "ed-tg", "/link", true);

    expect(replies).toEqual([
      {
        text: "Send /link in a private chat with me, not in a group: anyone who sees your code could use it.",
        personal: true,
      },
    ]);
    expect(
      await h.db.linkCode.count({ where: { learnerId: await h.learnerOf("telegram", "ed-tg") } }),
    ).toBe(0);
  });

  it("replaces a learner's unused code when they ask for a new one", async () => {
    const first = codeIn(await h.say("web", "fay-web", "/link"));
    const second = codeIn(await h.say("web", "fay-web", "/link"));
    const learner = await h.learnerOf("web", "fay-web");

    const codes = await h.db.linkCode.findMany({ where: { learnerId: learner } });
    expect(codes.map((c) => c.code)).toEqual([second]);
    expect(textOf(await h.say("discord", "fay-dc", `/link ${first}`))).toContain(
      `There is no link code ${first}.`,
    );
  });

  it("stops an account after five wrong codes, even when the sixth is right", async () => {
    const code = codeIn(await h.say("web", "gus-web", "/link"));
    for (let i = 0; i < 5; i++) {
      const wrong = String((Number(code) + 1 + i) % 1_000_000).padStart(6, "0");
      await h.say("telegram", "gus-guesser", `/link ${wrong}`);
    }

    const sixth = textOf(await h.say("telegram", "gus-guesser", `/link ${code}`));

    expect(sixth).toBe(
      "Too many wrong link codes. Wait 10 min, then try again with the code shown on your other account.",
    );
    expect(await h.learnerOf("telegram", "gus-guesser")).not.toBe(
      await h.learnerOf("web", "gus-web"),
    );
  });
});
