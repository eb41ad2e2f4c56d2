import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../core/clock.js";
import { studyGroupFeature } from "../../core/community/study-groups.js";
import { createStaffStore, createStudyGroupStore } from "../../prisma/store/community.js";
import { DATABASE_KINDS } from "../support/databases.js";
import { communityDatabase, conversationWith } from "./harness.js";

describe.each(DATABASE_KINDS)("study groups on %s", (kind) => {
  let env: Awaited<ReturnType<typeof communityDatabase>>;
  let send: ReturnType<typeof conversationWith>["send"];
  const enrolled: string[] = [];

  beforeAll(async () => {
    env = await communityDatabase(kind);
    const feature = studyGroupFeature({
      groups: createStudyGroupStore(env.db),
      staff: createStaffStore(env.db),
      catalog: { listCourses: async () => [env.course] },
      async enroll(ctx, courseId) {
        enrolled.push(`${ctx.learner.displayName}:${courseId}`);
        return [{ text: "Enrolled in SQL Basics." }];
      },
    });
    send = conversationWith(env.db, [feature], new ManualClock("2026-12-01T10:00:00Z")).send;
  });
  afterAll(() => env.close());

  const group = { id: "-100200", kind: "group" as const, title: "Night owls" };

  it("offers the courses when a group chat that is no group yet sends /groups", async () => {
    const replies = await send({ userId: "1", chat: group, text: "/groups" });

    expect(replies[0]!.text).toContain("not a study group yet");
    expect(replies[0]!.actions).toEqual([{ id: "grb:course00000a", label: "SQL Basics" }]);
  });

  it("binds the group chat to a course, once", async () => {
    const first = await send({ userId: "1", chat: group, text: "/groups sql-basics" });
    const again = await send({ userId: "1", chat: group, text: "/groups sql-basics" });

    expect(first[0]!.text).toContain("now the study group of **SQL Basics**");
    expect(again[0]!.text).toContain("already a study group: **Night owls**");
    expect(await env.db.studyGroup.count()).toBe(1);
  });

  it("refuses to bind when the platform says the sender is not an admin", async () => {
    const replies = await send({
      userId: "3",
      chat: { id: "-100300", kind: "group" },
      text: "/groups sql-basics",
      roles: { admin: false },
    });

    expect(replies[0]!.text).toBe("Only an admin of this chat can make it a study group.");
  });

  it("joins and enrolls a member with one tap, answering privately", async () => {
    const studyGroup = await env.db.studyGroup.findFirstOrThrow();

    const replies = await send({ userId: "2", chat: group, action: `grj:${studyGroup.id}` });

    expect(replies.map((r) => r.text)).toEqual([
      "You joined **Night owls**.",
      "Enrolled in SQL Basics.",
    ]);
    expect(replies.every((r) => r.personal)).toBe(true);
    expect(enrolled).toContain("Learner 2:course00000a");
    expect(await env.db.studyGroupMember.count({ where: { groupId: studyGroup.id } })).toBe(2);
  });

  it("lists the learner's groups in a private chat and lets them leave", async () => {
    const studyGroup = await env.db.studyGroup.findFirstOrThrow();

    const list = await send({ userId: "2", text: "/groups" });
    const left = await send({ userId: "2", action: `grl:${studyGroup.id}` });
    const leftAgain = await send({ userId: "2", text: `/groups leave ${studyGroup.id}` });

    expect(list[0]!.text).toContain("**Your study groups**");
    expect(list[0]!.text).toContain("**Night owls** (SQL Basics), 2 members, on Telegram");
    expect(left[0]!.text).toBe("You left **Night owls**. Your course progress is kept.");
    expect(leftAgain[0]!.text).toBe("You are not in that study group.");
  });

  it("answers an unknown course and an expired group button clearly", async () => {
    const unknown = await send({
      userId: "1",
      chat: { id: "-1009", kind: "group" },
      text: "/groups nope",
    });
    const expired = await send({ userId: "1", action: "grj:doesnotexist" });

    expect(unknown[0]!.text).toBe(
      'There is no course "nope". Send /courses to see the course slugs.',
    );
    expect(expired[0]!.text).toContain("no longer exists");
  });
});
