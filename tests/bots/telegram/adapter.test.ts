import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTelegramAdapter } from "../../../bots/telegram/adapter.js";
import type { Feature } from "../../../core/conversation/command.js";
import { RateLimitedError, TransientError, UnreachableError } from "../../../core/errors.js";
import { silentLogger } from "../../../core/logger.js";
import type { QuestionView, Reply } from "../../../core/messages.js";
import type { AccountStore } from "../../../core/ports/accounts.js";
import { startFakeBotApi } from "../../fakes/telegram/fake-bot-api.js";
import { ApiFailure } from "../../fakes/telegram/validate.js";
import { startTelegramHarness, type TelegramHarness } from "./harness.js";

const ada = { id: 7001, first_name: "Ada", username: "ada" };
const LONG_ACTION = `long:${"ж".repeat(20)}🎓`;

function pollQuestion(attempt: string): QuestionView {
  return {
    attemptId: attempt,
    questionId: "q1",
    type: "single",
    prompt: "2 + 2 = ?",
    options: ["3", "4", "5"],
    correctOptions: [1],
    explanation: "Two and two make four.",
    answerActionPrefix: `qa:${attempt}:`,
  };
}

function questionReply(view: QuestionView): Reply {
  const actions = view.options.map((label, i) => ({ id: `${view.answerActionPrefix}${i}`, label }));
  return { text: view.prompt, question: view, actions };
}

/** Small features standing in for the learning core. */
function testFeatures(accounts: AccountStore): Feature[] {
  const answered = new Set<string>();
  return [
    {
      commands: [
        {
          name: "echo",
          usage: "<text>",
          summary: "repeat",
          run: async (_c, args) => [{ text: `You said: ${args}` }],
        },
        {
          name: "poll",
          usage: "",
          summary: "a poll quiz",
          run: async () => [questionReply(pollQuestion("p1"))],
        },
        {
          name: "buttons",
          usage: "",
          summary: "a button quiz",
          run: async () => [
            questionReply({ ...pollQuestion("b1"), type: "multiple", correctOptions: [1, 2] }),
          ],
        },
        {
          name: "long",
          usage: "",
          summary: "a long button",
          run: async () => [
            { text: "Курс «Данные» 🎓", actions: [{ id: LONG_ACTION, label: "Записаться 🎓" }] },
          ],
        },
        {
          name: "ask",
          usage: "",
          summary: "wait for text",
          async run(ctx) {
            await accounts.setPending(ctx.account.id, { kind: "typed", data: {} });
            return [{ text: "How many rows?", expectsText: { label: "Type a number" } }];
          },
        },
        {
          name: "private",
          usage: "",
          summary: "a personal answer",
          run: async () => [{ text: "Your progress: 3 of 4 lessons.", personal: true }],
        },
      ],
      actions: [
        {
          prefix: "qa",
          async run(ctx, [attempt = "", option = ""]) {
            const key = `${ctx.learner.id}:${attempt}`;
            if (answered.has(key))
              return [{ text: "This quiz is over. Send /poll for a new one." }];
            answered.add(key);
            return [{ text: `You chose ${option}.`, updatesSource: true }];
          },
        },
        {
          prefix: "long",
          run: async () => [{ text: "Enrolled in «Данные».", updatesSource: true }],
        },
      ],
      textInputs: [{ kind: "typed", run: async (_c, text) => [{ text: `Got ${text}.` }] }],
    },
  ];
}

describe("Telegram adapter transport", () => {
  let h: TelegramHarness;
  beforeEach(async () => {
    h = await startTelegramHarness(testFeatures);
  });
  afterEach(async () => h.close());

  it("publishes the command menu and answers a command typed in a private chat", async () => {
    h.fake.sendText(ada, "/echo a < b & c");

    const [reply] = await h.fake.waitForMessages(ada.id, 1);

    expect(reply!.text).toBe("You said: a < b & c");
    expect(h.fake.commands().map((c) => c.command)).toEqual([
      "echo",
      "poll",
      "buttons",
      "long",
      "ask",
      "private",
    ]);
  });

  it("handles an update seen twice (same update_id) once", async () => {
    const update = h.fake.sendText(ada, "/echo once");
    await h.fake.waitForMessages(ada.id, 1);

    // Redelivered as a webhook retry or after a restart before the offset was confirmed.
    await h.adapter.handleUpdate(update);
    h.fake.sendText(ada, "/echo after");
    await h.fake.waitForMessages(ada.id, 2);

    expect(h.fake.messages(ada.id).map((m) => m.text)).toEqual([
      "You said: once",
      "You said: after",
    ]);
  });

  it("turns a long Cyrillic and emoji action into a token, answers the press and edits the message", async () => {
    h.fake.sendText(ada, "/long");
    const [card] = await h.fake.waitForMessages(ada.id, 1);
    const data = (
      card!.reply_markup!.inline_keyboard as Array<Array<{ callback_data: string }>>
    )[0]![0]!.callback_data;
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);

    h.fake.pressButton(ada, card!, data);
    await h.fake.waitForCall((call) => call.method === "editMessageText");

    expect(h.fake.messages(ada.id)).toHaveLength(1);
    expect(h.fake.messages(ada.id)[0]).toMatchObject({ text: "Enrolled in «Данные».", edits: 1 });
    expect(h.fake.unansweredCallbacks()).toEqual([]);
  });

  it("sends a fitting question as a quiz poll and grades its poll_answer, also after a restart", async () => {
    h.fake.sendText(ada, "/poll");
    const [poll] = await h.fake.waitForMessages(ada.id, 1);
    expect(poll!.poll).toMatchObject({
      type: "quiz",
      isAnonymous: false,
      correctOptionId: 1,
      options: ["3", "4", "5"],
    });

    await h.restart();
    h.fake.answerPoll(ada, poll!.poll!.id, [1]);
    const messages = await h.fake.waitForMessages(ada.id, 2);

    expect(messages[1]!.text).toBe("You chose 1.");
  });

  it("falls back to buttons for a multiple-answer question; a stale press after the quiz is over is answered", async () => {
    h.fake.sendText(ada, "/buttons");
    const [question] = await h.fake.waitForMessages(ada.id, 1);
    const rows = question!.reply_markup!.inline_keyboard as Array<Array<{ callback_data: string }>>;
    expect(rows.map((row) => row[0]!.callback_data)).toEqual(["qa:b1:0", "qa:b1:1", "qa:b1:2"]);

    h.fake.pressButton(ada, question!, "qa:b1:2");
    await h.fake.waitForCall((call) => call.method === "editMessageText");
    h.fake.pressButton(ada, question!, "qa:b1:0");
    const messages = await h.fake.waitForMessages(ada.id, 2);

    expect(messages[0]).toMatchObject({
      text: "You chose 2.",
      reply_markup: { inline_keyboard: [] },
    });
    expect(messages[1]!.text).toBe("This quiz is over. Send /poll for a new one.");
    expect(h.fake.unansweredCallbacks()).toEqual([]);
  });

  it("ignores a poll answer for a poll it does not know and keeps polling", async () => {
    h.fake.answerPoll(ada, "999999", [0]);
    h.fake.sendText(ada, "/echo still here");

    const messages = await h.fake.waitForMessages(ada.id, 1);

    expect(messages.map((m) => m.text)).toEqual(["You said: still here"]);
  });

  it("answers a photo, sticker or voice message where text was expected, and keeps waiting for the text", async () => {
    h.fake.sendText(ada, "/ask");
    const [ask] = await h.fake.waitForMessages(ada.id, 1);
    expect(ask!.reply_markup).toMatchObject({
      force_reply: true,
      input_field_placeholder: "Type a number",
    });

    h.fake.sendMedia(ada, "photo");
    h.fake.sendMedia(ada, "sticker");
    h.fake.sendMedia(ada, "voice");
    h.fake.sendText(ada, "42");
    const messages = await h.fake.waitForMessages(ada.id, 5);

    expect(messages.slice(1, 4).map((m) => m.text)).toEqual(
      Array(3).fill("I can only read text messages. Send /help to see the commands."),
    );
    expect(messages[4]!.text).toBe("Got 42.");
  });

  it("keeps polling when one update fails to send and honours a 429 retry_after within a turn", async () => {
    h.fake.failNext("sendMessage", new ApiFailure(500, "Internal Server Error"));
    h.fake.sendText(ada, "/echo lost");
    await h.fake.waitForCall((call) => call.method === "sendMessage" && !call.ok);
    h.fake.failNext(
      "sendMessage",
      new ApiFailure(429, "Too Many Requests: retry after 1", { retry_after: 1 }),
    );
    const started = Date.now();
    h.fake.sendText(ada, "/echo delivered");

    const [reply] = await h.fake.waitForMessages(ada.id, 1, 8000);

    expect(reply!.text).toBe("You said: delivered");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("maps delivery failures: 429 to RateLimitedError, a blocked chat to UnreachableError, 5xx to TransientError", async () => {
    h.fake.sendText(ada, "/echo hi");
    await h.fake.waitForMessages(ada.id, 1);

    h.fake.failNext(
      "sendMessage",
      new ApiFailure(429, "Too Many Requests: retry after 12", { retry_after: 12 }),
    );
    const limited = await h.adapter.send(String(ada.id), [{ text: "Lesson" }]).catch((e) => e);
    h.fake.failNext("sendMessage", new ApiFailure(502, "Bad Gateway"));
    const transient = await h.adapter.send(String(ada.id), [{ text: "Lesson" }]).catch((e) => e);
    h.fake.block(ada.id);
    const blocked = await h.adapter.send(String(ada.id), [{ text: "Lesson" }]).catch((e) => e);
    const stranger = await h.adapter.send("8888", [{ text: "Lesson" }]).catch((e) => e);

    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(12_000);
    expect(transient).toBeInstanceOf(TransientError);
    expect(blocked).toBeInstanceOf(UnreachableError);
    expect(stranger).toBeInstanceOf(UnreachableError);
  });
});

describe("Telegram adapter start-up", () => {
  const buildOptions = (token: string, apiRoot: string) => ({
    token,
    apiRoot,
    publicUrl: "http://127.0.0.1:1",
    conversation: { handle: async () => [], commands: () => [] },
    tokens: { tokenFor: async (a: string) => a, resolve: async () => null },
    polls: { remember: async () => {}, find: async () => null },
    groups: { movePlace: async () => false },
    logger: silentLogger,
  });
  const build = (token: string, apiRoot: string) =>
    createTelegramAdapter(buildOptions(token, apiRoot));

  it("names the variable to fix when the token is refused or the Bot API cannot be reached", async () => {
    const fake = await startFakeBotApi();
    const wrongToken = "999:wrong-token-value";

    const refused = await build(wrongToken, fake.apiRoot)
      .start()
      .catch((e: Error) => e);
    await fake.close();
    const unreachable = await build(fake.token, fake.apiRoot)
      .start()
      .catch((e: Error) => e);

    expect(String(refused)).toContain("Telegram refused TELEGRAM_BOT_TOKEN (404 Not Found)");
    expect(String(refused)).not.toContain(wrongToken);
    expect(String(unreachable)).toContain(
      `Could not reach the Telegram Bot API at ${fake.apiRoot}`,
    );
    expect(String(unreachable)).not.toContain(fake.token);
  });

  it("says PUBLIC_URL is at fault when Telegram refuses the webhook", async () => {
    const fake = await startFakeBotApi();
    fake.failNext(
      "setWebhook",
      new ApiFailure(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"),
    );
    const adapter = createTelegramAdapter({
      ...buildOptions(fake.token, fake.apiRoot),
      webhookSecret: "secret_1",
    });

    const error = await adapter.start().catch((e: Error) => e);
    await fake.close();

    expect(String(error)).toBe(
      "Error: Telegram refused the webhook http://127.0.0.1:1/telegram/webhook (Bad Request: bad webhook: An HTTPS URL must be provided for webhook): PUBLIC_URL must be the public HTTPS address of StudyHall.",
    );
  });
});
