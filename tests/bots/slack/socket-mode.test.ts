import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackAdapter, type SlackAdapter } from "../../../bots/slack/adapter.js";
import { silentLogger } from "../../../core/logger.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../fakes/slack/fake-slack-api.js";
import { type FakeSocketMode, startFakeSocketMode } from "../../fakes/slack/fake-socket-mode.js";
import { memoryAccounts, memoryUpdateLog } from "../../fakes/slack/memory-ports.js";
import { memoryActionTokens } from "../../fakes/slack/memory-tokens.js";
import { directMessage, eventEnvelope, slashCommand } from "../../fakes/slack/payloads.js";
import { fakeConversation } from "./fake-conversation.js";
import { BOT_TOKEN } from "./harness.js";
import { sectionTexts } from "./slack-learner.js";
import { until } from "./until.js";

const APP_TOKEN = "xapp-test";

describe("Slack in Socket Mode", () => {
  let socket: FakeSocketMode;
  let api: FakeSlackApi;
  let adapter: SlackAdapter;
  const conversation = fakeConversation();

  beforeAll(async () => {
    socket = await startFakeSocketMode();
    api = await startFakeSlackApi(BOT_TOKEN, { appToken: APP_TOKEN, url: socket.url });
    adapter = createSlackAdapter({
      connection: {
        botToken: BOT_TOKEN,
        signingSecret: "",
        appToken: APP_TOKEN,
        apiUrl: api.url,
        retries: 0,
      },
      conversation,
      accounts: memoryAccounts(),
      updates: memoryUpdateLog(),
      tokens: memoryActionTokens(),
      logger: silentLogger,
    });
    await adapter.start();
    await socket.connected;
  });
  afterAll(async () => {
    await adapter?.stop();
    await socket?.close();
    await api?.close();
  });

  it("serves no HTTP routes and connects through apps.connections.open with the app token", () => {
    expect(adapter.mode).toBe("socket");
    expect(adapter.router).toBeUndefined();
    expect(api.callsOf("apps.connections.open")).toHaveLength(1);
  });

  it("acknowledges a slash command envelope and answers in the DM afterwards", async () => {
    const ack = await socket.deliver("slash_commands", slashCommand("U1", "courses sql"));

    expect(ack).toEqual({});
    await until(() => api.callsOf("chat.postMessage").length > 0, "the reply");
    const reply = api.callsOf("chat.postMessage").at(-1)!;
    expect(reply.args.channel).toBe("D1");
    expect(sectionTexts(reply.args.blocks)).toEqual(["Got: /learn courses sql"]);
  });

  it("handles an event Slack redelivers (retry_attempt) once", async () => {
    const envelope = eventEnvelope(directMessage("U1", "42"), "EvSocket1");
    const before = conversation.seen.length;

    await socket.deliver("events_api", envelope, { retry_attempt: 0 });
    await socket.deliver("events_api", envelope, { retry_attempt: 1, retry_reason: "timeout" });
    await until(() => conversation.seen.length > before, "the event");
    await new Promise((r) => setTimeout(r, 50));

    expect(conversation.seen.slice(before).map((inbound) => inbound.text)).toEqual(["42"]);
  });
});
