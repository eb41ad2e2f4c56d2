import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TelegramAdapter } from "../../../bots/telegram/adapter.js";
import { ManualClock } from "../../../core/clock.js";
import { planGroupQuizzes } from "../../../core/community/group-quiz.js";
import { createDispatcher } from "../../../core/delivery/dispatcher.js";
import { silentLogger } from "../../../core/logger.js";
import { createAccountStore } from "../../../prisma/store/accounts.js";
import { createCatalogStore } from "../../../prisma/store/catalog.js";
import { createDeliveryStore } from "../../../prisma/store/deliveries.js";
import { createGroupQuizStore } from "../../../prisma/store/group-quiz.js";
import type { FakeChat, FakeUser } from "../../fakes/telegram/updates.js";
import { buttonsOf, startTelegramApp, type TelegramApp, TelegramLearner } from "./telegram-app.js";

const GROUP: FakeChat = { id: -100777, type: "supergroup", title: "Shell night" };
const admin = { id: 9001, first_name: "Grace", username: "grace" };
const bob = { id: 9002, first_name: "Bob", username: "bob" };
const carol = { id: 9003, first_name: "Carol" };

describe("a Telegram group studies a course together", () => {
  let t: TelegramApp;
  beforeAll(async () => {
    t = await startTelegramApp();
  });
  afterAll(async () => t?.close());

  it("binds the group with /groups, enrolls members with one tap, posts the daily session through the delivery pipeline and ranks poll answers", async () => {
    const inGroup = (user: FakeUser) => new TelegramLearner(t.fake, user, GROUP);
    const groupMessages = () => t.fake.messages(GROUP.id);
    await new TelegramLearner(t.fake, bob).say("/start");
    t.fake.makeAdmin(admin.id);

    // Added to the group: the bot says what it does there.
    await t.fake.waitForConfirmed(t.fake.addBotToGroup(admin, GROUP).update_id);
    expect(groupMessages()[0]!.text).toContain("A group admin can send /groups here");

    // A member who is not an admin cannot bind it; the admin can.
    const refused = "Only an admin of this chat can make it a study group.";
    await inGroup(carol).say("/groups shell-basics-tg");
    expect(groupMessages().at(-1)!.text).toBe(refused);
    await inGroup(carol).say("/groups");
    await inGroup(carol).press(groupMessages().at(-1)!, "Основы командной строки 🐚💻");
    expect(groupMessages().at(-1)!.text).toBe(refused);
    await inGroup(admin).say("/groups@studyhall_test_bot shell-basics-tg");
    const bound = groupMessages().at(-1)!;
    expect(bound.text).toContain(
      "This chat is now the study group of Основы командной строки 🐚💻",
    );

    // One tap enrolls the presser; the result goes to their private chat, the toast says so.
    await inGroup(bob).press(bound, "Join and enroll");
    const bobPrivate = t.fake.messages(bob.id);
    expect(bobPrivate.map((m) => m.text).join("\n")).toContain("You joined Shell night.");
    expect(bobPrivate.map((m) => m.text).join("\n")).toContain(
      "You are enrolled in Основы командной строки 🐚💻",
    );
    const toast = t.fake.calls.filter((c) => c.method === "answerCallbackQuery").at(-1)!;
    expect(toast.params.text).toBe("I sent you the result in a private chat.");

    // Carol never started the bot: she is enrolled, and told in an alert how to get her results.
    await inGroup(carol).press(bound, "Join and enroll");
    const alert = t.fake.calls.filter((c) => c.method === "answerCallbackQuery").at(-1)!;
    expect(alert.params).toMatchObject({ show_alert: true });
    expect(String(alert.params.text)).toContain("Start a private chat with me for the details.");
    // The organizer, Bob and Carol.
    expect(await t.app.db.studyGroupMember.count()).toBe(3);

    // A personal command in the group from her gets a useful answer in the group.
    await inGroup(carol).say("/progress");
    const note = groupMessages().at(-1)!;
    expect(note.text).toContain("Carol, this answer is personal, so I send it in a private chat");
    expect(note.raw).toContain('<a href="https://t.me/studyhall_test_bot">');

    // The daily session goes out through the Delivery rows and the dispatcher.
    const at = new Date();
    at.setUTCHours(Math.max(at.getUTCHours(), 18), 5, 0, 0);
    const catalog = createCatalogStore(t.app.db);
    const quizDeps = {
      store: createGroupQuizStore(t.app.db),
      course: (id: string) => catalog.loadCourse(id),
    };
    await planGroupQuizzes(quizDeps, at);
    const telegram = t.app.adapters.find((a) => a.platform === "telegram") as TelegramAdapter;
    const dispatcher = createDispatcher({
      adapter: telegram,
      deliveries: createDeliveryStore(t.app.db),
      accounts: createAccountStore(t.app.db),
      clock: new ManualClock(at),
      logger: silentLogger,
    });
    // StudyHall's own dispatcher may send it first when the real clock is past 18:05.
    await dispatcher.drain();
    await expect.poll(() => groupMessages().at(-1)?.poll?.type).toBe("quiz");
    const poll = groupMessages().at(-1)!;
    expect(
      groupMessages().some((m) => m.text.startsWith("Lesson of the day: Redirects: > and >>")),
    ).toBe(true);
    expect(poll.poll).toMatchObject({ type: "quiz", isAnonymous: false, correctOptionId: 1 });
    expect(buttonsOf(poll).map((b) => b.text)).toEqual(["Leaderboard"]);

    // Poll answers: Bob right (result in private), Carol wrong (no private chat: nothing in the group).
    const before = groupMessages().length;
    await inGroup(bob).vote(poll, 1);
    await inGroup(carol).vote(poll, 0);
    expect(t.fake.messages(bob.id).at(-1)!.text).toContain("✅ Correct!");
    expect(groupMessages()).toHaveLength(before);

    await inGroup(bob).press(poll, "Leaderboard");
    const board = t.fake.messages(bob.id).at(-1)!.text;
    expect(board).toContain("1. Bob: 1 point (1 answered)\n2. Carol: 0 points (1 answered)");
    expect(t.fake.unansweredCallbacks()).toEqual([]);
    expect(
      t.fake.calls.filter((c) => !c.ok && c.method !== "getUpdates").map((c) => c.error),
    ).toEqual(Array(3).fill("Forbidden: bot can't initiate conversation with a user"));
  });
});
