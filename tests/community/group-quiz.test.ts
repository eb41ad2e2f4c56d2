import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importCourseFolders } from "../../core/catalog/import-courses.js";
import { ManualClock } from "../../core/clock.js";
import {
  type GroupQuizDeps,
  groupQuizFeature,
  planGroupQuizzes,
} from "../../core/community/group-quiz.js";
import { createConversation } from "../../core/conversation/router.js";
import { silentLogger } from "../../core/logger.js";
import type { Reply } from "../../core/messages.js";
import { type Db, openDatabase } from "../../prisma/database.js";
import { migrate } from "../../prisma/migrate.js";
import { createAccountStore, createUpdateLog } from "../../prisma/store/accounts.js";
import { createCatalogStore } from "../../prisma/store/catalog.js";
import { createCourseImportStore } from "../../prisma/store/course-import.js";
import { createGroupQuizStore } from "../../prisma/store/group-quiz.js";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const COURSE = path.resolve(here, "../bots/telegram/fixtures/shell-course");
const GROUP_CHAT = "-100200300";

describe.each(DATABASE_KINDS)("daily group quiz (%s)", (kind) => {
  let database: TestDatabase;
  let db: Db;
  let deps: GroupQuizDeps;
  let groupId: string;
  // 17:30 in Berlin (UTC+1 in December): before the 18:00 session.
  const clock = new ManualClock("2026-12-04T16:30:00Z");

  beforeEach(async () => {
    clock.set("2026-12-04T16:30:00Z");
    database = await createTestDatabase(kind);
    await migrate(database.url);
    db = await openDatabase(database.url);
    const report = await importCourseFolders([COURSE], createCourseImportStore(db));
    if (!report.ok) throw new Error(JSON.stringify(report.problems));
    const course = await db.course.findUniqueOrThrow({ where: { slug: "shell-basics-tg" } });
    groupId = "group-shell-1";
    await db.studyGroup.create({
      data: {
        id: groupId,
        courseId: course.id,
        name: "Shell night",
        platform: "telegram",
        externalId: GROUP_CHAT,
        timeZone: "Europe/Berlin",
      },
    });
    const catalog = createCatalogStore(db);
    deps = { store: createGroupQuizStore(db), course: (id) => catalog.loadCourse(id) };
  });
  afterEach(async () => {
    await db.$disconnect();
    await database.drop();
  });

  const conversation = () =>
    createConversation({
      accounts: createAccountStore(db),
      updates: createUpdateLog(db),
      clock,
      logger: silentLogger,
      features: [groupQuizFeature(deps)],
    });
  const answer = (handler: ReturnType<typeof conversation>, user: string, action: string) =>
    handler.handle({
      platform: "telegram",
      userId: user,
      displayName: `Member ${user}`,
      chat: { id: GROUP_CHAT, kind: "group", title: "Shell night" },
      action,
    });
  const posts = async () => {
    const rows = await db.delivery.findMany({
      where: { kind: "group-quiz" },
      orderBy: { dueAt: "asc" },
    });
    return rows.map((row) => ({ ...row, replies: JSON.parse(row.payload) as Reply[] }));
  };

  it("posts the lesson of the day and a question once, at the group's local quiz time", async () => {
    expect(await planGroupQuizzes(deps, clock.now())).toBe(0);

    clock.set("2026-12-04T17:05:00Z");
    const [first, second] = await Promise.all([
      planGroupQuizzes(deps, clock.now()),
      planGroupQuizzes(deps, clock.now()),
    ]);
    expect(first + second).toBe(1);
    expect(await planGroupQuizzes(deps, clock.now())).toBe(0);

    const [post] = await posts();
    expect(post).toMatchObject({
      platform: "telegram",
      target: GROUP_CHAT,
      idempotencyKey: `group-quiz:${groupId}:2026-12-04`,
    });
    const [lesson, question] = post!.replies;
    expect(lesson!.text).toContain("**Lesson of the day: Redirects: > and >>** (1 of 3");
    expect(lesson!.actions).toEqual([{ id: `grj:${groupId}`, label: "Join and enroll" }]);
    expect(question!.question).toMatchObject({
      type: "single",
      prompt: "Which operator appends output to a file instead of replacing it?",
      correctOptions: [1],
      answerActionPrefix: `gq:${groupId}-2026-12-04:`,
    });
  });

  it("grades each member once, privately, ranks the leaderboard and closes the quiz the next day", async () => {
    clock.set("2026-12-04T17:05:00Z");
    await planGroupQuizzes(deps, clock.now());
    const handler = conversation();
    const prefix = `gq:${groupId}-2026-12-04:`;

    const [right] = await answer(handler, "11", `${prefix}1`);
    const [wrong] = await answer(handler, "12", `${prefix}0`);
    const [again] = await answer(handler, "11", `${prefix}0`);

    expect(right).toMatchObject({ personal: true });
    expect(right!.text).toContain("✅ **Correct!**");
    expect(right!.text).toContain("You have 1 point in **Shell night**, place 1 of 1.");
    expect(wrong!.text).toContain("❌ **Not quite.** The right answer: >>.");
    expect(again!.text).toBe("You already answered today's group quiz; your first answer counts.");

    // The round stays open until the next session: a morning answer still counts.
    clock.set("2026-12-05T07:00:00Z");
    const [morning] = await answer(handler, "14", `${prefix}1`);
    expect(morning!.text).toContain("✅ **Correct!**");

    clock.set("2026-12-05T17:10:00Z");
    expect(await planGroupQuizzes(deps, clock.now())).toBe(1);
    const [, next] = await posts();
    expect(next!.replies.map((r) => r.text.split("\n")[0])).toEqual([
      "**Lesson of the day: A long script** (2 of 3, Основы командной строки 🐚💻)",
      "**Leaderboard of Shell night**",
      "**Quiz of the day**",
    ]);
    expect(next!.replies[1]!.text).toContain(
      "1. Member 11: 1 point (1 answered)\n2. Member 14: 1 point (1 answered)\n3. Member 12: 0 points (1 answered)",
    );

    const [stale] = await answer(handler, "13", `${prefix}1`);
    expect(stale!.text).toContain("That quiz is over (it was the quiz of 2026-12-04)");
    const [board] = await answer(handler, "13", `gqb:${groupId}`);
    expect(board).toMatchObject({ personal: true });
    expect(board!.text).toContain("1. Member 11: 1 point");
  });
});
