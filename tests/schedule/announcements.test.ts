import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announceFeature } from "../../core/announcements/announce-feature.js";
import { createAnnouncementService } from "../../core/announcements/announcement-service.js";
import { type ConversationHandler, createConversation } from "../../core/conversation/router.js";
import { newId } from "../../core/ids.js";
import { silentLogger } from "../../core/logger.js";
import type { Inbound, Reply } from "../../core/messages.js";
import { createAccountStore, createUpdateLog } from "../../prisma/store/accounts.js";
import { createAnnouncementStore } from "../../prisma/store/announcements.js";
import { DATABASE_KINDS } from "../support/databases.js";
import { createScheduleHarness, type ScheduleHarness } from "./support/harness.js";
import { enroll, seedCourse, seedLearner } from "./support/seed.js";

describe.each(DATABASE_KINDS)("announcements on %s", (kind) => {
  let harness: ScheduleHarness;
  let conversation: ConversationHandler;
  let courseId: string;

  beforeAll(async () => {
    harness = await createScheduleHarness(kind, "2027-03-10T09:00:00Z", ["telegram", "discord"]);
    courseId = await seedCourse(harness.db, "sql-basics", 2, 1);
    const both = await seedLearner(harness.db, "both", {}, ["telegram", "discord"]);
    const one = await seedLearner(harness.db, "one", {}, ["discord"]);
    const dropped = await seedLearner(harness.db, "dropped", {}, ["telegram"]);
    const blocked = await seedLearner(harness.db, "blocked", {}, ["telegram"]);
    await seedLearner(harness.db, "stranger", {}, ["telegram"]);
    for (const id of [both, one, dropped, blocked]) await enroll(harness.db, id, courseId);
    await harness.db.enrollment.updateMany({
      where: { learnerId: dropped },
      data: { status: "dropped" },
    });
    await harness.db.account.updateMany({
      where: { learnerId: blocked },
      data: { reachable: false },
    });

    const accounts = createAccountStore(harness.db);
    conversation = createConversation({
      accounts,
      updates: createUpdateLog(harness.db),
      clock: harness.clock,
      logger: silentLogger,
      features: [
        announceFeature({
          accounts,
          announcements: createAnnouncementService({
            store: createAnnouncementStore(harness.db),
            clock: harness.clock,
          }),
        }),
      ],
    });
    // The instructor writes from the web chat; a CourseStaff row makes them staff.
    await say("grace", "hello");
    const grace = await harness.db.account.findFirstOrThrow({ where: { externalId: "grace" } });
    await harness.db.courseStaff.create({ data: { courseId, learnerId: grace.learnerId } });
  }, 60_000);

  afterAll(async () => harness.close());

  function say(user: string, text: string, extra: Partial<Inbound> = {}): Promise<Reply[]> {
    return conversation.handle({
      platform: "web",
      userId: user,
      displayName: user === "grace" ? "Grace" : user,
      chat: { id: user, kind: "direct" },
      text,
      updateId: newId(),
      ...extra,
    });
  }

  it("refuses learners who are not instructors of the course", async () => {
    const [reply] = await say("mallory", "/announce sql-basics Free pizza");
    expect(reply!.text).toBe("Only instructors of Course sql-basics can announce to its learners.");
    expect(await harness.db.announcement.count()).toBe(0);
  });

  it("explains an unknown course and a missing text", async () => {
    expect((await say("grace", "/announce sql-basix Hello"))[0]!.text).toContain(
      'There is no course "sql-basix".',
    );
    expect((await say("grace", "/announce sql-basics"))[0]!.text).toContain(
      "Write the announcement after the course",
    );
  });

  it("previews, then sends once to every enrolled learner on each platform they use", async () => {
    const [preview] = await say("grace", "/announce sql-basics Office hours move to **Friday**.");
    expect(preview!.text).toBe(
      "**Preview** of your announcement to the 3 enrolled learners of Course sql-basics:\n\nOffice hours move to **Friday**.",
    );
    const sendId = preview!.actions![0]!.id;
    expect(preview!.actions!.map((a) => a.label)).toEqual(["Send", "Cancel"]);

    const [first, second] = await Promise.all([
      say("grace", "", { text: undefined, action: sendId }),
      say("grace", "", { text: undefined, action: sendId }),
    ]);
    const answers = [first![0]!.text, second![0]!.text].sort();
    expect(answers[0]).toBe(
      "Announcement sent to 3 learners of Course sql-basics (3 messages across their chat apps).",
    );
    expect(answers[1]).toMatch(/sent already|already sent/);
    expect(await harness.db.announcement.count()).toBe(1);

    for (const dispatcher of harness.dispatchers) await dispatcher.drain();
    const telegram = harness.adapters.get("telegram")!.received.map((r) => r.target);
    const discord = harness.adapters
      .get("discord")!
      .received.map((r) => r.target)
      .sort();
    expect(telegram).toEqual(["both-telegram"]);
    expect(discord).toEqual(["both-discord", "one-discord"]);
    expect(harness.adapters.get("discord")!.received[0]!.replies[0]!.text).toBe(
      "**Announcement** for Course sql-basics from Grace:\n\nOffice hours move to **Friday**.",
    );
  });

  it("lets a platform instructor role announce, and cancel sends nothing", async () => {
    const [preview] = await say("helper", "/announce sql-basics Quiz tonight", {
      roles: { instructor: true },
    });
    const cancelId = preview!.actions![1]!.id;
    const [cancelled] = await say("helper", "", {
      text: undefined,
      action: cancelId,
      roles: { instructor: true },
    });
    expect(cancelled!.text).toBe("Announcement cancelled; nothing was sent.");
    const [late] = await say("helper", "", {
      text: undefined,
      action: preview!.actions![0]!.id,
      roles: { instructor: true },
    });
    expect(late!.text).toMatch(/already sent or cancelled/);
    expect(await harness.db.announcement.count()).toBe(1);
  });
});
