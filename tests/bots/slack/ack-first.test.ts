import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationHandler } from "../../../core/conversation/router.js";
import type { Inbound, Reply } from "../../../core/messages.js";
import { slashCommand } from "../../fakes/slack/payloads.js";
import { commandRequest, send } from "../../fakes/slack/signed-requests.js";
import { SIGNING_SECRET, type SlackHarness, startSlackHarness } from "./harness.js";
import { sectionTexts } from "./slack-learner.js";
import { until } from "./until.js";

/** A conversation whose answer waits until the test releases it. */
function heldConversation() {
  let release: (replies: Reply[]) => void = () => {};
  const started: Inbound[] = [];
  const handler: ConversationHandler = {
    commands: () => [{ name: "next", usage: "", summary: "next", run: async () => [] }],
    handle(inbound) {
      started.push(inbound);
      return new Promise((resolve) => {
        release = resolve;
      });
    },
  };
  return { handler, started, release: (replies: Reply[]) => release(replies) };
}

describe("Slack acknowledges first and works afterwards (production HTTP mode)", () => {
  let slack: SlackHarness;
  const held = heldConversation();

  beforeAll(async () => {
    slack = await startSlackHarness(held.handler, {}, false);
  });
  afterAll(async () => slack?.close());

  it("answers the slash command with 200 before the lesson is ready, then posts it", async () => {
    const response = await send(
      commandRequest(slack.baseUrl, slashCommand("U1", "next"), { secret: SIGNING_SECRET }),
    );

    expect(response.status).toBe(200);
    await until(() => held.started.length > 0, "the turn to start");
    expect(held.started.at(-1)!.text).toBe("/next");
    expect(slack.api.callsOf("chat.postMessage")).toHaveLength(0);

    held.release([{ text: "Lesson 1 is ready" }]);
    await until(() => slack.api.callsOf("chat.postMessage").length > 0, "the lesson");
    expect(sectionTexts(slack.api.callsOf("chat.postMessage")[0]!.args.blocks)).toEqual([
      "Lesson 1 is ready",
    ]);
  });
});
