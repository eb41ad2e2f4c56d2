import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Logger } from "../../../core/logger.js";
import { startTelegramApp, type TelegramApp } from "./telegram-app.js";

const SECRET = "s3cret_Token-123";

/** A logger that keeps every line, to check what was (not) logged. */
function recordingLogger(lines: string[], bindings: object = {}): Logger {
  const log = (level: string) => (obj: object, msg?: string) =>
    void lines.push(JSON.stringify({ level, ...bindings, ...obj, msg }));
  return {
    debug: log("debug"),
    info: log("info"),
    warn: log("warn"),
    error: log("error"),
    child: (more) => recordingLogger(lines, { ...bindings, ...more }),
  };
}

describe("Telegram webhook mode", () => {
  let t: TelegramApp;
  const lines: string[] = [];
  const ada = { id: 5151, first_name: "Ada" };
  beforeAll(async () => {
    t = await startTelegramApp(SECRET, recordingLogger(lines));
  });
  afterAll(async () => t?.close());

  it("registers PUBLIC_URL + /telegram/webhook with the secret and does not poll", () => {
    expect(t.fake.webhook()).toEqual({ url: `${t.base}/telegram/webhook`, secret: SECRET });
    expect(t.fake.calls.some((call) => call.method === "getUpdates")).toBe(false);
  });

  it("refuses a missing or wrong secret with 401 and logs it without the secret", async () => {
    const update = {
      update_id: 1,
      message: {
        message_id: 1,
        chat: { id: ada.id, type: "private" },
        from: ada,
        text: "/help",
        entities: [{ type: "bot_command", offset: 0, length: 5 }],
      },
    };

    const missing = await t.fake.deliverToWebhook(update, null);
    const wrong = await t.fake.deliverToWebhook(update, "guess-the-secret");

    expect(missing.status).toBe(401);
    expect(wrong.status).toBe(401);
    const refused = lines.filter((line) => line.includes("telegram webhook refused"));
    expect(refused).toHaveLength(2);
    expect(lines.some((line) => line.includes(SECRET) || line.includes("guess-the-secret"))).toBe(
      false,
    );
    expect(t.fake.messages(ada.id)).toEqual([]);
  });

  it("handles an update once even when Telegram retries it, answering with an empty body", async () => {
    const update = t.fake.sendText(ada, "/start shell-basics-tg");
    const card = (await t.fake.waitForMessages(ada.id, 1))[0]!;
    const retry = await t.fake.deliverToWebhook(update);

    expect(retry).toEqual({ status: 200, body: "" });
    expect(card.text).toContain("Основы командной строки 🐚💻");
    expect(t.fake.messages(ada.id)).toHaveLength(1);
  });

  it("answers callback queries through the Bot API, not in the webhook response (webhookReply off)", async () => {
    const card = t.fake.messages(ada.id)[0]!;
    const enroll = (
      card.reply_markup!.inline_keyboard as Array<Array<{ text: string; callback_data: string }>>
    )
      .flat()
      .find((button) => button.text === "Enroll")!;

    const answered = t.fake.webhookResponses().length;
    t.fake.pressButton(ada, card, enroll.callback_data);
    await t.fake.waitForCall((call) => call.method === "answerCallbackQuery");
    await expect.poll(() => t.fake.webhookResponses().length).toBe(answered + 1);

    expect(t.fake.webhookResponses().at(-1)).toEqual({ status: 200, body: "" });
    expect(t.fake.calls.some((call) => call.method === "answerCallbackQuery" && call.ok)).toBe(
      true,
    );
    expect(t.fake.unansweredCallbacks()).toEqual([]);
    expect(
      t.fake
        .messages(ada.id)
        .map((m) => m.text)
        .join("\n"),
    ).toContain("You are enrolled in Основы командной строки 🐚💻");
  });
});
