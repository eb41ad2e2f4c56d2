import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeBotApi, startFakeBotApi } from "../../fakes/telegram/fake-bot-api.js";
import { ApiFailure } from "../../fakes/telegram/validate.js";

const learner = { id: 501, first_name: "Ada" };

async function call(fake: FakeBotApi, method: string, body: Record<string, unknown>) {
  const response = await fetch(`${fake.apiRoot}/bot${fake.token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("fake Bot API", () => {
  let fake: FakeBotApi;
  beforeEach(async () => {
    fake = await startFakeBotApi();
    fake.sendText(learner, "hi");
  });
  afterEach(async () => fake.close());

  it("rejects HTML that does not parse, as Telegram does", async () => {
    const unescaped = await call(fake, "sendMessage", {
      chat_id: 501,
      text: "a < b",
      parse_mode: "HTML",
    });
    const unclosed = await call(fake, "sendMessage", {
      chat_id: 501,
      text: "<b>bold",
      parse_mode: "HTML",
    });
    const unknown = await call(fake, "sendMessage", {
      chat_id: 501,
      text: "<div>x</div>",
      parse_mode: "HTML",
    });
    const ok = await call(fake, "sendMessage", {
      chat_id: 501,
      text: "<b>a &lt; b</b>",
      parse_mode: "HTML",
    });

    expect(unescaped.status).toBe(400);
    expect(unescaped.body.description).toMatch(/^Bad Request: can't parse entities: /);
    expect(unclosed.body.description).toMatch(/can't parse entities: Can't find end tag/);
    expect(unknown.body.description).toMatch(/Unsupported start tag "div"/);
    expect(ok.status).toBe(200);
    expect(fake.messages(501)[0]!.text).toBe("a < b");
  });

  it("limits text to 4096 characters after entity parsing", async () => {
    const fits = "&lt;".repeat(4096);
    const tooLong = "x".repeat(4097);

    expect(
      (await call(fake, "sendMessage", { chat_id: 501, text: fits, parse_mode: "HTML" })).status,
    ).toBe(200);
    const rejected = await call(fake, "sendMessage", { chat_id: 501, text: tooLong });
    expect(rejected.body.description).toBe("Bad Request: message is too long");
  });

  it("limits callback_data to 64 bytes", async () => {
    const data = "é".repeat(33);
    const rejected = await call(fake, "sendMessage", {
      chat_id: 501,
      text: "Pick",
      reply_markup: { inline_keyboard: [[{ text: "Go", callback_data: data }]] },
    });

    expect(rejected.body.description).toBe("Bad Request: BUTTON_DATA_INVALID");
  });

  it("checks quiz poll option counts and lengths", async () => {
    const poll = (options: string[]) =>
      call(fake, "sendPoll", {
        chat_id: 501,
        question: "Q?",
        options,
        type: "quiz",
        correct_option_id: 0,
      });

    expect((await poll(["only"])).body.description).toBe(
      "Bad Request: poll must have at least 2 option",
    );
    expect((await poll(Array.from({ length: 11 }, (_, i) => `o${i}`))).body.description).toBe(
      "Bad Request: poll can't have more than 10 options",
    );
    expect((await poll(["a", "b".repeat(101)])).body.description).toBe(
      "Bad Request: poll options length must not exceed 100",
    );
    expect((await poll(["a", "b"])).status).toBe(200);
  });

  it("answers 429 with retry_after when pushed and 403 for a blocked chat", async () => {
    fake.failNext(
      "sendMessage",
      new ApiFailure(429, "Too Many Requests: retry after 7", { retry_after: 7 }),
    );
    const limited = await call(fake, "sendMessage", { chat_id: 501, text: "x" });
    fake.block(501);
    const blocked = await call(fake, "sendMessage", { chat_id: 501, text: "x" });

    expect(limited.status).toBe(429);
    expect(limited.body.parameters).toEqual({ retry_after: 7 });
    expect(blocked.status).toBe(403);
    expect(blocked.body.description).toBe("Forbidden: bot was blocked by the user");
  });

  it("refuses to message a user who never started the bot", async () => {
    const stranger = await call(fake, "sendMessage", { chat_id: 777, text: "hello" });

    expect(stranger.status).toBe(403);
    expect(stranger.body.description).toBe(
      "Forbidden: bot can't initiate conversation with a user",
    );
  });

  it("honours getUpdates offset and holds the request for timeout", async () => {
    const first = await call(fake, "getUpdates", { offset: 0, timeout: 0 });
    const updates = first.body.result as Array<{
      update_id: number;
      message: { entities?: unknown };
    }>;
    expect(updates).toHaveLength(1);

    const started = Date.now();
    const held = call(fake, "getUpdates", { offset: updates[0]!.update_id + 1, timeout: 5 });
    setTimeout(() => fake.sendText(learner, "/start sql-basics"), 300);
    const next = (await held).body.result as Array<{
      message: { text: string; entities: unknown };
    }>;

    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(next).toHaveLength(1);
    expect(next[0]!.message.text).toBe("/start sql-basics");
    expect(next[0]!.message.entities).toEqual([{ type: "bot_command", offset: 0, length: 6 }]);
  });
});
