import { afterEach, describe, expect, it } from "vitest";
import type { ConversationHandler } from "../../../core/conversation/router.js";
import type { Inbound, Reply } from "../../../core/messages.js";
import type { FakeMessage } from "../../fakes/discord/state.js";
import { type DiscordWorld, startDiscordWorld } from "./harness.js";

/** A tiny conversation: answers each inbound with `answer(inbound)` and records what it got. */
function tinyConversation(answer: (inbound: Inbound) => Reply[] | Promise<Reply[]>) {
  const received: Inbound[] = [];
  const conversation: ConversationHandler = {
    commands: () => [],
    async handle(inbound) {
      received.push(inbound);
      return answer(inbound);
    },
  };
  return { conversation, received };
}

function customIds(message: FakeMessage): string[] {
  return (message.components as Array<{ components: Array<{ custom_id?: string }> }>).flatMap(
    (row) => row.components.map((component) => component.custom_id ?? ""),
  );
}

let world: DiscordWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe("Discord interactions through the gateway", () => {
  it("maps /enroll course:sql to the core text /enroll sql and answers in the channel", async () => {
    const { conversation, received } = tinyConversation(() => [
      { text: "You are enrolled in **SQL**." },
    ]);
    world = await startDiscordWorld({ conversation });

    const payload = world.fake.command(world.at(), "enroll", [
      { name: "course", type: 3, value: "sql" },
    ]);
    await world.settle(payload);

    expect(received[0]).toMatchObject({
      platform: "discord",
      userId: world.learnerId,
      text: "/enroll sql",
      chat: { id: world.general.id, kind: "group", title: "general" },
      updateId: payload.id,
    });
    expect(world.fake.record(payload).callbacks[0]!.type).toBe(4);
    expect(world.fake.messagesOf(payload)[0]!.content).toBe("You are enrolled in **SQL**.");
  });

  it("answers personal replies ephemerally", async () => {
    const { conversation } = tinyConversation(() => [{ text: "Lesson 2 of 4", personal: true }]);
    world = await startDiscordWorld({ conversation });

    const payload = world.fake.command(world.at(), "progress");
    await world.settle(payload);

    expect(world.fake.messagesOf(payload)[0]).toMatchObject({
      content: "Lesson 2 of 4",
      flags: 64,
    });
  });

  it("defers a slow turn and follows up, so the interaction never fails", async () => {
    const slow = tinyConversation(async () => {
      await new Promise((resolve) => setTimeout(resolve, 250));
      return [{ text: "Done thinking." }, { text: "Second message." }];
    });
    world = await startDiscordWorld({ conversation: slow.conversation, deferAfterMs: 50 });

    const payload = world.fake.command(world.at(), "ask", [
      { name: "question", type: 3, value: "Why?" },
    ]);
    await world.settle(payload);

    const record = world.fake.record(payload);
    expect(record.callbacks.map((callback) => callback.type)).toEqual([5]);
    expect(world.fake.messagesOf(payload).map((message) => message.content)).toEqual([
      "Done thinking.",
      "Second message.",
    ]);
  });

  it("tells someone else pressing a learner's button that it is not their quiz, changing nothing", async () => {
    const { conversation, received } = tinyConversation((inbound) =>
      inbound.action
        ? [{ text: "Correct!", updatesSource: true }]
        : [{ text: "2 + 2?", actions: [{ id: "q:a1:0", label: "4" }] }],
    );
    world = await startDiscordWorld({ conversation });
    const quiz = world.fake.command(world.at(), "quiz");
    await world.settle(quiz);
    const message = world.fake.messagesOf(quiz)[0]!;
    const [customId] = customIds(message);

    const press = world.fake.press(world.at(world.otherId), message, customId!);
    await world.settle(press);

    expect(world.fake.messagesOf(press)[0]).toMatchObject({ flags: 64 });
    expect(world.fake.messagesOf(press)[0]!.content).toContain("This is not your quiz");
    expect(received).toHaveLength(1);
    expect(message.content).toBe("2 + 2?");
  });

  it("updates the quiz message with the result when its learner answers", async () => {
    const { conversation, received } = tinyConversation((inbound) =>
      inbound.action
        ? [{ text: "Correct: 4.", updatesSource: true }]
        : [{ text: "2 + 2?", actions: [{ id: "q:a1:0", label: "4" }] }],
    );
    world = await startDiscordWorld({ conversation });
    const quiz = world.fake.command(world.at(), "quiz");
    await world.settle(quiz);
    const message = world.fake.messagesOf(quiz)[0]!;

    const press = world.fake.press(world.at(), message, customIds(message)[0]!);
    await world.settle(press);

    expect(received[1]!.action).toBe("q:a1:0");
    expect(world.fake.record(press).callbacks[0]!.type).toBe(7);
    expect(message).toMatchObject({ content: "Correct: 4.", components: [] });
  });

  it("resolves a choice from a select menu of 30 options", async () => {
    const actions = Array.from({ length: 30 }, (_, i) => ({
      id: `co:c${i}`,
      label: `Course ${i}`,
    }));
    const { conversation, received } = tinyConversation((inbound) =>
      inbound.action
        ? [{ text: `You chose ${inbound.action}` }]
        : [{ text: "Pick a course", actions }],
    );
    world = await startDiscordWorld({ conversation });
    const list = world.fake.command(world.at(), "courses");
    await world.settle(list);
    const message = world.fake.messagesOf(list)[0]!;
    const rows = message.components as Array<{
      components: Array<{ custom_id: string; options: Array<{ value: string }> }>;
    }>;
    const second = rows[1]!.components[0]!;

    const choose = world.fake.press(world.at(), message, second.custom_id, [
      second.options[3]!.value,
    ]);
    await world.settle(choose);

    expect(rows[0]!.components[0]!.options).toHaveLength(25);
    expect(received[1]!.action).toBe("co:c28");
  });

  it("opens a form for a typed answer, refuses an empty one and passes a real one as text", async () => {
    const { conversation, received } = tinyConversation((inbound) =>
      inbound.text === "/quiz"
        ? [{ text: "Name the keyword that filters rows.", expectsText: { label: "Your answer" } }]
        : [{ text: `You wrote ${inbound.text}` }],
    );
    world = await startDiscordWorld({ conversation });
    const quiz = world.fake.command(world.at(), "quiz");
    await world.settle(quiz);
    const message = world.fake.messagesOf(quiz)[0]!;

    const open = world.fake.press(world.at(), message, customIds(message)[0]!);
    await world.settle(open);
    const modal = world.fake.record(open).callbacks[0]!;
    const empty = world.fake.submitModal(world.at(), String(modal.data.custom_id), {
      answer: "   ",
    });
    await world.settle(empty);
    const filled = world.fake.submitModal(world.at(), String(modal.data.custom_id), {
      answer: "WHERE",
    });
    await world.settle(filled);

    expect(modal.type).toBe(9);
    expect(modal.data.title).toBe("Your answer");
    expect(world.fake.messagesOf(empty)[0]).toMatchObject({ flags: 64 });
    expect(world.fake.messagesOf(empty)[0]!.content).toContain("Your answer was empty");
    expect(received.map((inbound) => inbound.text)).toEqual(["/quiz", "WHERE"]);
    expect(world.fake.messagesOf(filled)[0]!.content).toBe("You wrote WHERE");
  });

  it("carries a 120-character course slug through a button as a short token", async () => {
    const slug = "a-very-long-course-slug-".repeat(5);
    const { conversation, received } = tinyConversation((inbound) =>
      inbound.action
        ? [{ text: "Enrolled." }]
        : [{ text: "A course", actions: [{ id: `en:${slug}`, label: "Enroll" }] }],
    );
    world = await startDiscordWorld({ conversation });
    const card = world.fake.command(world.at(), "course", [
      { name: "course", type: 3, value: "x" },
    ]);
    await world.settle(card);
    const message = world.fake.messagesOf(card)[0]!;
    const [customId] = customIds(message);

    const press = world.fake.press(world.at(), message, customId!);
    await world.settle(press);

    expect(slug.length).toBe(120);
    expect(customId!.length).toBeLessThanOrEqual(100);
    expect(received[1]!.action).toBe(`en:${slug}`);
    expect(world.fake.rejectedCalls()).toEqual([]);
  });

  it("treats a command in a direct message as a direct chat, without ephemeral flags", async () => {
    const { conversation, received } = tinyConversation(() => [
      { text: "Your progress", personal: true },
    ]);
    world = await startDiscordWorld({ conversation });
    const dm = world.fake.state.addChannel({ type: 1, name: "", recipientId: world.learnerId });

    const payload = world.fake.command({ userId: world.learnerId, channelId: dm.id }, "progress");
    await world.settle(payload);

    expect(received[0]!.chat).toEqual({ id: dm.id, kind: "direct", title: undefined });
    expect(received[0]!.roles).toEqual({ admin: false, instructor: false });
    expect(world.fake.messagesOf(payload)[0]).toMatchObject({ content: "Your progress", flags: 0 });
  });

  it("autocompletes course slugs", async () => {
    const { conversation } = tinyConversation(() => []);
    const courses = [
      { slug: "sql-basics", title: "SQL for Data Analysis" },
      { slug: "python-basics", title: "Python Basics" },
      { slug: "x".repeat(120), title: "Course with a very long slug" },
    ];
    world = await startDiscordWorld({
      conversation,
      catalog: { listCourses: async () => courses as never },
    });

    const payload = world.fake.autocomplete(world.at(), "enroll", [
      { name: "course", type: 3, value: "sq", focused: true },
    ]);
    await world.settle(payload);

    expect(world.fake.record(payload).callbacks[0]).toEqual({
      type: 8,
      data: { choices: [{ name: "SQL for Data Analysis (sql-basics)", value: "sql-basics" }] },
    });
  });

  it("reports Manage Server as admin and the configured role as instructor", async () => {
    const { conversation, received } = tinyConversation(() => [{ text: "ok" }]);
    world = await startDiscordWorld({ conversation });
    const announce = [
      { name: "course", type: 3, value: "sql" },
      { name: "message", type: 3, value: "Hello" },
    ];

    const learner = world.fake.command(world.at(), "announce", announce);
    await world.settle(learner);
    const teacher = world.fake.command(
      world.at(world.instructorId, { roles: [world.instructorRoleId] }),
      "announce",
      announce,
    );
    await world.settle(teacher);
    const admin = world.fake.command(
      world.at(world.otherId, { permissions: String(1 << 5) }),
      "announce",
      announce,
    );
    await world.settle(admin);

    expect(received.map((inbound) => inbound.roles)).toEqual([
      { admin: false, instructor: false },
      { admin: false, instructor: true },
      { admin: true, instructor: false },
    ]);
    expect(received[0]!.text).toBe("/announce sql Hello");
  });

  it("still answers an interaction from a server whose channels were deleted", async () => {
    const { conversation } = tinyConversation(() => [{ text: "Here is your lesson." }]);
    world = await startDiscordWorld({ conversation });
    for (const channel of world.fake.state.channels.values()) channel.deleted = true;

    const payload = world.fake.command(world.at(), "next");
    await world.settle(payload);

    expect(world.fake.messagesOf(payload)[0]!.content).toBe("Here is your lesson.");
  });

  it("records the learner's DM channel so deliveries can reach them", async () => {
    const { conversation } = tinyConversation(() => [{ text: "ok" }]);
    const { recordingAccounts } = await import("./harness.js");
    const accounts = recordingAccounts();
    world = await startDiscordWorld({ conversation, accounts });

    await world.settle(world.fake.command(world.at(), "next"));

    const dm = world.fake.state.channels.get(accounts.chats.get(world.learnerId)!);
    expect(dm).toMatchObject({ type: 1, recipientId: world.learnerId });
  });
});

describe("deferred and failed turns", () => {
  const slowly = (replies: Reply[]) => async (): Promise<Reply[]> => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    return replies;
  };

  it("defers a personal command as ephemeral and edits the answer in", async () => {
    const { conversation } = tinyConversation(slowly([{ text: "3 of 4 lessons", personal: true }]));
    world = await startDiscordWorld({ conversation, deferAfterMs: 30 });

    const payload = world.fake.command(world.at(), "progress");
    await world.settle(payload);

    expect(world.fake.record(payload).callbacks[0]).toEqual({ type: 5, data: { flags: 64 } });
    expect(world.fake.messagesOf(payload)).toHaveLength(1);
    expect(world.fake.messagesOf(payload)[0]!.content).toBe("3 of 4 lessons");
  });

  it("sends a personal answer privately when a public command was deferred", async () => {
    const { conversation } = tinyConversation(slowly([{ text: "Only for you", personal: true }]));
    world = await startDiscordWorld({ conversation, deferAfterMs: 30 });

    const payload = world.fake.command(world.at(), "next");
    await world.settle(payload);

    const [original, followup] = world.fake.messagesOf(payload);
    expect(original!.content).toBe("Sent privately below.");
    expect(followup).toMatchObject({ content: "Only for you", flags: 64 });
  });

  it("defers a slow button press as an update and edits the quiz message with the result", async () => {
    let calls = 0;
    const { conversation } = tinyConversation(async () => {
      calls++;
      if (calls === 1) return [{ text: "2 + 2?", actions: [{ id: "qa:1:2:0", label: "4" }] }];
      return slowly([
        { text: "Correct: 4.", updatesSource: true },
        { text: "Next question soon." },
      ])();
    });
    world = await startDiscordWorld({ conversation, deferAfterMs: 30 });
    const quiz = world.fake.command(world.at(), "quiz");
    await world.settle(quiz);
    const message = world.fake.messagesOf(quiz)[0]!;

    const press = world.fake.press(world.at(), message, customIds(message)[0]!);
    await world.settle(press);

    expect(world.fake.record(press).callbacks.map((c) => c.type)).toEqual([6]);
    expect(message).toMatchObject({ content: "Correct: 4.", components: [] });
    expect(world.fake.record(press).followups[0]!.content).toBe("Next question soon.");
  });

  it("waits out a 429 on the interaction callback and answers after retry_after", async () => {
    const { conversation } = tinyConversation(() => [{ text: "Lesson 1" }]);
    world = await startDiscordWorld({ conversation });
    world.fake.rateLimitNext(1, 0.2, /\/callback$/);

    const payload = world.fake.command(world.at(), "next");
    await world.settle(payload);

    const attempts = world.fake.calls.filter((call) => call.path.endsWith("/callback"));
    expect(attempts.map((call) => call.status)).toEqual([429, 204]);
    expect(world.fake.messagesOf(payload)[0]!.content).toBe("Lesson 1");
  });

  it("apologises instead of leaving the interaction failed when answering breaks", async () => {
    const conversation: ConversationHandler = {
      commands: () => [],
      handle: async () => {
        throw new Error("database is gone");
      },
    };
    world = await startDiscordWorld({ conversation });

    const payload = world.fake.command(world.at(), "next");
    await world.settle(payload);

    expect(world.fake.messagesOf(payload)[0]).toMatchObject({ flags: 64 });
    expect(world.fake.messagesOf(payload)[0]!.content).toContain(
      "Something went wrong on our side",
    );
  });
});
