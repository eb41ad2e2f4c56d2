import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RateLimitedError, TransientError, UnreachableError } from "../../../core/errors.js";
import {
  buttonPress,
  directMessage,
  eventEnvelope,
  slashCommand,
  viewSubmission,
} from "../../fakes/slack/payloads.js";
import {
  commandRequest,
  eventRequest,
  interactionRequest,
  send,
} from "../../fakes/slack/signed-requests.js";
import { fakeConversation, LONG_ACTION } from "./fake-conversation.js";
import { SIGNING_SECRET, type SlackHarness, startSlackHarness } from "./harness.js";

const signed = { secret: SIGNING_SECRET };
let slack: SlackHarness;
let conversation: ReturnType<typeof fakeConversation>;

beforeAll(async () => {
  conversation = fakeConversation();
  slack = await startSlackHarness(conversation);
});
afterAll(async () => slack.close());

function posted(channel: string) {
  return slack.api.callsOf("chat.postMessage").filter((call) => call.args.channel === channel);
}

function sectionTexts(blocks: unknown): string[] {
  return (blocks as Array<{ type: string; text?: { text: string } }>)
    .filter((block) => block.type === "section")
    .map((block) => block.text!.text);
}

describe("Slack request authentication", () => {
  it("answers 401 to a wrong signature and handles nothing", async () => {
    const before = conversation.seen.length;

    const response = await send(
      commandRequest(slack.baseUrl, slashCommand("U1", "help"), { secret: "wrong" }),
    );

    expect(response.status).toBe(401);
    expect(conversation.seen.length).toBe(before);
  });

  it("answers 401 to a correctly signed request whose timestamp is 6 minutes old", async () => {
    const before = conversation.seen.length;
    const timestamp = Math.floor(Date.now() / 1000) - 6 * 60;

    const response = await send(
      commandRequest(slack.baseUrl, slashCommand("U1", "help"), { ...signed, timestamp }),
    );

    expect(response.status).toBe(401);
    expect(conversation.seen.length).toBe(before);
  });

  it("handles a replayed slash command once", async () => {
    const request = commandRequest(slack.baseUrl, slashCommand("U1", "help"), signed);
    const before = conversation.seen.length;

    const first = await send(request);
    const replay = await send(request);

    expect([first.status, replay.status]).toEqual([200, 200]);
    expect(conversation.seen.length).toBe(before + 1);
  });

  it("recognises Slack's retries of an event (X-Slack-Retry-Num) and handles it once", async () => {
    const envelope = eventEnvelope(directMessage("U1", "hello &amp; bye"), "EvRetry1");
    const before = conversation.seen.length;

    await send(eventRequest(slack.baseUrl, envelope, signed));
    const retry = await send(
      eventRequest(slack.baseUrl, envelope, {
        ...signed,
        headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
      }),
    );

    expect(retry.status).toBe(200);
    expect(conversation.seen.slice(before).map((inbound) => inbound.text)).toEqual(["hello & bye"]);
  });
});

describe("/learn", () => {
  it("answers Slack's signed URL verification with the challenge (setting up the request URL)", async () => {
    const challenge = { token: "legacy", challenge: "c-123", type: "url_verification" };

    const response = await send(eventRequest(slack.baseUrl, challenge, signed));

    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ challenge: "c-123" });
  });

  it("reads the entities Slack puts in slash command text back as characters", async () => {
    await send(
      commandRequest(slack.baseUrl, slashCommand("U1", "courses a &lt;b&gt; &amp; c"), signed),
    );

    expect(conversation.seen.at(-1)!.text).toBe("/courses a <b> & c");
  });

  it("maps subcommands to the core's command text, with the sender's DM as a direct chat", async () => {
    await send(commandRequest(slack.baseUrl, slashCommand("U1", "courses sql"), signed));

    const inbound = conversation.seen.at(-1)!;
    expect(inbound).toMatchObject({
      platform: "slack",
      userId: "U1",
      text: "/courses sql",
      chat: { id: "D1", kind: "direct" },
      roles: { admin: false, instructor: false },
    });
    expect(sectionTexts(posted("D1").at(-1)!.args.blocks)).toEqual(["Got: /learn courses sql"]);
  });

  it("answers an unknown subcommand with the list of real ones, without calling the core", async () => {
    const before = conversation.seen.length;

    await send(commandRequest(slack.baseUrl, slashCommand("U1", "dance now"), signed));

    expect(conversation.seen.length).toBe(before);
    const [text] = sectionTexts(posted("D1").at(-1)!.args.blocks);
    expect(text).toContain("`/learn dance` is not a StudyHall command");
    expect(text).toContain("next, quiz");
  });

  it("writes a 20,000-character lesson as several valid messages in the DM", async () => {
    const before = posted("D1").length;

    const response = await send(commandRequest(slack.baseUrl, slashCommand("U1", "next"), signed));

    expect(response.status).toBe(200);
    const calls = posted("D1").slice(before);
    const texts = calls.flatMap((call) => sectionTexts(call.args.blocks));
    expect(texts.length).toBeGreaterThanOrEqual(7);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(3000);
    expect(texts[0]).toMatch(/^Part 1\. Tables hold rows &amp; columns/);
    const stored = [...slack.api.messages.values()].filter((m) => m.channel === "D1");
    expect(stored.length).toBeGreaterThan(0);
  });

  it("escapes <, >, & and <!channel> so nothing pings", async () => {
    await send(commandRequest(slack.baseUrl, slashCommand("U1", "echo", "C42"), signed));

    const call = posted("C42").at(-1)!;
    const [text] = sectionTexts(call.args.blocks);
    expect(text).toBe("Tom &amp; Jerry say &lt;!channel&gt; &lt;@U2&gt; 1 &lt; 2 &gt; 0");
    expect(String(call.args.text)).not.toContain("<!channel>");
  });

  it("sends personal replies asked in a channel as an ephemeral message", async () => {
    await send(commandRequest(slack.baseUrl, slashCommand("U1", "progress", "C42"), signed));

    const ephemeral = slack.api.callsOf("chat.postEphemeral").at(-1)!;
    expect(ephemeral.args).toMatchObject({ channel: "C42", user: "U1" });
    expect(sectionTexts(ephemeral.args.blocks)).toEqual(["Your progress: 50%"]);
  });
});

describe("when Slack refuses part of a turn", () => {
  it("answers in the DM when the app is not a member of the channel the command came from", async () => {
    slack.api.pushFailure("chat.postMessage", { error: "not_in_channel" });

    await send(commandRequest(slack.baseUrl, slashCommand("U1", "echo", "C77"), signed));

    const [refused, fallback] = slack.api.callsOf("chat.postMessage").slice(-2);
    expect(refused!.args.channel).toBe("C77");
    expect(fallback!.args.channel).toBe("D1");
    expect(sectionTexts(fallback!.args.blocks)[0]).toContain("Tom &amp; Jerry");
  });

  it("still runs the turn, without admin standing, when users.info fails", async () => {
    slack.api.pushFailure("users.info", { error: "missing_scope" });

    await send(commandRequest(slack.baseUrl, slashCommand("U8", "help"), signed));

    expect(conversation.seen.at(-1)).toMatchObject({
      userId: "U8",
      text: "/help",
      roles: { admin: false, instructor: false },
    });
  });
});

describe("buttons and modals", () => {
  it("updates the quiz message with the result when an answer button is pressed", async () => {
    await send(commandRequest(slack.baseUrl, slashCommand("U1", "quiz"), signed));
    const quiz = posted("D1").at(-1)!;
    const stored = slack.api.messages.get(`D1:${[...slack.api.messages.values()].at(-1)!.ts}`)!;
    const actions = (
      quiz.args.blocks as Array<{ type: string; elements?: Array<Record<string, unknown>> }>
    ).find((block) => block.type === "actions")!;

    await send(
      interactionRequest(slack.baseUrl, buttonPress("U1", stored, actions.elements![0]!), signed),
    );

    expect(conversation.seen.at(-1)!.action).toBe("ans:a1:q1:0");
    const update = slack.api.callsOf("chat.update").at(-1)!;
    expect(update.args).toMatchObject({ channel: "D1", ts: stored.ts });
    expect(sectionTexts(slack.api.messages.get(`D1:${stored.ts}`)!.blocks)).toEqual([
      "Correct! WHERE filters.",
    ]);
  });

  it("never replaces a channel message with a personal reply; it goes to the presser alone", async () => {
    const message = { channel: "C42", ts: "1700000000.999999", blocks: [] };
    const button = {
      action_id: "studyhall.0",
      value: "mine",
      type: "button",
      text: { type: "plain_text", text: "Mine" },
    };
    const updates = slack.api.callsOf("chat.update").length;

    await send(interactionRequest(slack.baseUrl, buttonPress("U1", message, button), signed));

    expect(slack.api.callsOf("chat.update").length).toBe(updates);
    const ephemeral = slack.api.callsOf("chat.postEphemeral").at(-1)!;
    expect(ephemeral.args).toMatchObject({ channel: "C42", user: "U1" });
    expect(sectionTexts(ephemeral.args.blocks)).toEqual(["Your score: 3/4"]);
  });

  it("keeps a button value over 2000 characters server-side and hands the core the full id", async () => {
    await send(commandRequest(slack.baseUrl, slashCommand("U1", "long"), signed));
    const message = [...slack.api.messages.values()].at(-1)!;
    const button = (
      message.blocks.find((b) => b.type === "actions") as {
        elements: Array<Record<string, unknown>>;
      }
    ).elements[0]!;
    expect(String(button.value).length).toBeLessThanOrEqual(2000);

    await send(interactionRequest(slack.baseUrl, buttonPress("U1", message, button), signed));

    expect(conversation.seen.at(-1)!.action).toBe(LONG_ACTION);
  });

  it("opens a modal for typed text, refuses an empty submission and sends the text on", async () => {
    await send(commandRequest(slack.baseUrl, slashCommand("U1", "feedback"), signed));
    const opened = slack.api.callsOf("views.open").at(-1)!;
    const view = opened.args.view as Record<string, unknown>;
    expect(view.callback_id).toBe("studyhall.text");
    const before = conversation.seen.length;

    const empty = await send(
      interactionRequest(
        slack.baseUrl,
        viewSubmission("U1", view, { text: { value: { type: "plain_text_input", value: "  " } } }),
        signed,
      ),
    );
    const filled = await send(
      interactionRequest(
        slack.baseUrl,
        viewSubmission("U1", view, {
          text: { value: { type: "plain_text_input", value: "More SQL <b>" } },
        }),
        signed,
      ),
    );

    expect(JSON.parse(empty.body)).toEqual({
      response_action: "errors",
      errors: { text: "The answer is empty. Type your answer, then press Send." },
    });
    expect(filled.status).toBe(200);
    expect(conversation.seen.slice(before).map((inbound) => inbound.text)).toEqual([
      "More SQL <b>",
    ]);
    expect(sectionTexts(posted("D1").at(-1)!.args.blocks)).toEqual(["Got: More SQL &lt;b&gt;"]);
  });
});

describe("send() for scheduled deliveries", () => {
  it("posts rendered replies to the target", async () => {
    await slack.adapter.send("D7", [{ text: "Your daily lesson & quiz" }]);

    expect(sectionTexts(posted("D7").at(-1)!.args.blocks)).toEqual([
      "Your daily lesson &amp; quiz",
    ]);
  });

  it("maps 429 to RateLimitedError with Slack's Retry-After", async () => {
    slack.api.pushFailure("chat.postMessage", { status: 429, retryAfter: 7 });

    const error = await slack.adapter.send("D7", [{ text: "hi" }]).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(7000);
  });

  it("maps account_inactive and channel_not_found to UnreachableError", async () => {
    slack.api.pushFailure("chat.postMessage", { error: "account_inactive" });
    slack.api.pushFailure("chat.postMessage", { error: "channel_not_found" });

    const inactive = await slack.adapter.send("D7", [{ text: "hi" }]).catch((e: unknown) => e);
    const missing = await slack.adapter.send("D7", [{ text: "hi" }]).catch((e: unknown) => e);

    expect(inactive).toBeInstanceOf(UnreachableError);
    expect(missing).toBeInstanceOf(UnreachableError);
  });

  it("maps a 503 to TransientError", async () => {
    slack.api.pushFailure("chat.postMessage", { status: 503 });

    const error = await slack.adapter.send("D7", [{ text: "hi" }]).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TransientError);
  });
});
