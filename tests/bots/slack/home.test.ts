import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HomeSnapshot } from "../../../bots/slack/home-view.js";
import { buttonPress, eventEnvelope, slashCommand } from "../../fakes/slack/payloads.js";
import {
  commandRequest,
  eventRequest,
  interactionRequest,
  send,
} from "../../fakes/slack/signed-requests.js";
import { fakeConversation } from "./fake-conversation.js";
import { SIGNING_SECRET, type SlackHarness, startSlackHarness } from "./harness.js";
import { type PostedButton, sectionTexts } from "./slack-learner.js";

const signed = { secret: SIGNING_SECRET };
const snapshot: HomeSnapshot = {
  streakDays: 3,
  courses: [
    {
      title: "SQL <Basics> & more",
      slug: "sql-basics",
      percent: 50,
      lessonsDone: 2,
      lessonsTotal: 4,
      completed: false,
      certificateUrl: null,
    },
  ],
  recommended: { title: "Python Basics", slug: "python-basics", summary: "Variables and loops" },
};
let slack: SlackHarness;
let conversation: ReturnType<typeof fakeConversation>;

beforeAll(async () => {
  conversation = fakeConversation();
  slack = await startSlackHarness(conversation, {
    home: {
      snapshot: async (learner) => ({
        ...snapshot,
        streakDays: learner.id === "L-U1" ? snapshot.streakDays : 0,
      }),
    },
  });
});
afterAll(async () => slack.close());

function homeButtons(userId: string): PostedButton[] {
  const view = slack.api.homeViews.get(userId) as {
    blocks: Array<{ type: string; elements?: PostedButton[] }>;
  };
  return view.blocks.flatMap((block) => (block.type === "actions" ? block.elements! : []));
}

describe("the App Home tab", () => {
  it("is published when the learner opens it: streak, courses with progress, next lesson, a recommendation", async () => {
    const opened = eventEnvelope({
      type: "app_home_opened",
      user: "U1",
      channel: "D1",
      tab: "home",
    });

    await send(eventRequest(slack.baseUrl, opened, signed));

    const view = slack.api.homeViews.get("U1") as { type: string; blocks: unknown };
    expect(view.type).toBe("home");
    expect(sectionTexts(view.blocks)).toEqual([
      ":fire: 3-day streak",
      "*SQL &lt;Basics&gt; &amp; more*\n▓▓▓▓▓░░░░░ 50% · 2 of 4 lessons",
      "*Recommended next:* Python Basics\nVariables and loops",
    ]);
    expect(homeButtons("U1").map((b) => [b.text.text, b.value])).toEqual([
      ["Next lesson", "/next"],
      ["Browse courses", "/courses"],
      ["Open Python Basics", "/course python-basics"],
    ]);
  });

  it("ignores the Messages tab being opened", async () => {
    const before = slack.api.callsOf("views.publish").length;

    await send(
      eventRequest(
        slack.baseUrl,
        eventEnvelope({ type: "app_home_opened", user: "U1", tab: "messages" }),
        signed,
      ),
    );

    expect(slack.api.callsOf("views.publish").length).toBe(before);
  });

  it("runs /next from the Next lesson button and answers in the DM", async () => {
    const next = homeButtons("U1").find((b) => b.text.text === "Next lesson")!;

    await send(interactionRequest(slack.baseUrl, buttonPress("U1", null, { ...next }), signed));

    expect(conversation.seen.at(-1)).toMatchObject({
      text: "/next",
      chat: { id: "D1", kind: "direct" },
    });
    const posted = slack.api.callsOf("chat.postMessage").filter((c) => c.args.channel === "D1");
    expect(sectionTexts(posted[0]!.args.blocks)[0]).toMatch(/^Part 1\./);
  });

  it("is re-published after a turn only when what it shows changed", async () => {
    const before = slack.api.callsOf("views.publish").length;

    await send(commandRequest(slack.baseUrl, slashCommand("U1", "help"), signed));
    await send(commandRequest(slack.baseUrl, slashCommand("U2", "help"), signed));

    const published = slack.api.callsOf("views.publish").slice(before);
    expect(published.map((call) => call.args.user_id)).toEqual(["U2"]);
  });

  it("re-opens the answer modal from a message's Answer button", async () => {
    await send(commandRequest(slack.baseUrl, slashCommand("U1", "feedback"), signed));
    const message = [...slack.api.messages.values()].at(-1)!;
    const answer = (message.blocks.at(-1) as { elements: PostedButton[] }).elements[0]!;
    expect(answer.text.text).toBe("Answer");
    const opens = slack.api.callsOf("views.open").length;

    await send(
      interactionRequest(slack.baseUrl, buttonPress("U1", message, { ...answer }), signed),
    );

    const view = slack.api.callsOf("views.open")[opens]!.args.view as { blocks: unknown[] };
    expect(sectionTexts(view.blocks)).toEqual(["What should we improve?"]);
    expect(view.blocks.at(-1)).toMatchObject({ type: "input", label: { text: "Your feedback" } });
  });
});
