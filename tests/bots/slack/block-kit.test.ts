import { describe, expect, it } from "vitest";
import { decodeActionValue } from "../../../bots/slack/action-codec.js";
import { renderReply, type SlackMessage } from "../../../bots/slack/block-kit.js";
import { slackCommandText, toCoreCommand } from "../../../bots/slack/command-words.js";
import { escapeMrkdwn } from "../../../bots/slack/mrkdwn.js";
import { blockProblems } from "../../fakes/slack/block-limits.js";
import { memoryActionTokens } from "../../fakes/slack/memory-tokens.js";

const commandNames = new Set(["next", "quiz", "courses", "help"]);

function sectionTexts(messages: SlackMessage[]): string[] {
  return messages.flatMap((message) =>
    message.blocks.flatMap((block) =>
      block.type === "section" && block.text ? [block.text.text] : [],
    ),
  );
}

describe("Slack mrkdwn escaping", () => {
  it("turns <, > and & into entities so <!channel> cannot ping", () => {
    expect(escapeMrkdwn("a < b && <!channel> > c")).toBe(
      "a &lt; b &amp;&amp; &lt;!channel&gt; &gt; c",
    );
  });

  it("escapes text inside bold, code and code blocks of a rendered reply", async () => {
    const tokens = memoryActionTokens();
    const reply = { text: "**<!here>** `a<b` & <!channel>\n\n```\nif (a > b && c) {}\n```" };

    const [message] = await renderReply(reply, { tokens, commandNames });

    const text = sectionTexts([message!]).join("\n");
    expect(text).toBe(
      "*&lt;!here&gt;* `a&lt;b` &amp; &lt;!channel&gt;\n\n```\nif (a &gt; b &amp;&amp; c) {}\n```",
    );
    expect(text).not.toMatch(/<!/);
    expect(message!.text).toBe(
      "&lt;!here&gt; a&lt;b &amp; &lt;!channel&gt; if (a &gt; b &amp;&amp; c) {}",
    );
  });

  it("writes safe links as <url|label> and unsafe ones as plain text", async () => {
    const tokens = memoryActionTokens();
    const reply = {
      text: "See [the docs](https://example.org/a?b=1&c=2) or [this](javascript:alert(1)).",
      links: [{ label: "Certificate <1>", url: "https://cert.example/c/1" }],
    };

    const messages = await renderReply(reply, { tokens, commandNames });

    const [body, links] = sectionTexts(messages);
    expect(body).toContain("<https://example.org/a?b=1&c=2|the docs>");
    expect(body).not.toContain("<javascript:");
    expect(links).toBe("• <https://cert.example/c/1|Certificate &lt;1&gt;>");
  });
});

describe("Slack Block Kit limits", () => {
  it("splits a 20,000-character lesson into sections of at most 3000 characters", async () => {
    const tokens = memoryActionTokens();
    const sentence = "A relational table stores rows & columns; SQL reads them with SELECT. ";
    const lesson = Array.from({ length: 20 }, () => sentence.repeat(14)).join("\n\n");
    expect(lesson.length).toBeGreaterThan(19_000);

    const messages = await renderReply(
      { text: lesson, actions: [{ id: "next:1", label: "Next" }] },
      { tokens, commandNames },
    );

    const texts = sectionTexts(messages);
    expect(texts.length).toBeGreaterThanOrEqual(7);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(3000);
    for (const message of messages) expect(blockProblems(message.blocks, 50)).toEqual([]);
    expect(texts.join("").replace(/\s+/g, "").length).toBe(
      lesson.replace(/&/g, "&amp;").replace(/\s+/g, "").length,
    );
  });

  it("continues past 50 blocks in a further message", async () => {
    const tokens = memoryActionTokens();
    const paragraph = "word ".repeat(590).trim();
    const text = Array.from({ length: 60 }, (_, i) => `${i} ${paragraph}`).join("\n\n");

    const messages = await renderReply({ text }, { tokens, commandNames });

    expect(messages.map((m) => m.blocks.length)).toEqual([50, 10]);
    for (const message of messages) expect(blockProblems(message.blocks, 50)).toEqual([]);
  });

  it("keeps a button value over 2000 characters server-side and resolves it on press", async () => {
    const tokens = memoryActionTokens();
    const longAction = `feedback:${"x".repeat(2500)}`;
    const label = "A very long button label that goes on and on well past Slack's limit of 75";

    const [message] = await renderReply(
      {
        text: "Pick one",
        actions: [
          { id: longAction, label: `${label}!!` },
          { id: "next", label: "Next" },
        ],
      },
      { tokens, commandNames },
    );

    const actions = message!.blocks.find((block) => block.type === "actions") as unknown as {
      elements: Array<{ value: string; action_id: string; text: { text: string } }>;
    };
    const [first, second] = actions.elements;
    expect(first!.value.length).toBeLessThanOrEqual(2000);
    expect(await decodeActionValue(first!.value, tokens)).toBe(longAction);
    expect(second!.value).toBe("next");
    expect(first!.text.text).toHaveLength(75);
    expect(first!.action_id).not.toBe(second!.action_id);
    expect(blockProblems(message!.blocks, 50)).toEqual([]);
  });

  it("adds answer buttons to a choice question and lists long options in the text", async () => {
    const tokens = memoryActionTokens();
    const option =
      "An option that is much longer than the seventy-five characters a button may show";
    const reply = {
      text: "Which clause filters rows?",
      question: {
        attemptId: "a1",
        questionId: "q1",
        type: "single" as const,
        prompt: "Which clause filters rows?",
        options: ["WHERE", option],
        correctOptions: [0],
        explanation: "",
        answerActionPrefix: "answer:a1:q1:",
      },
    };

    const [message] = await renderReply(reply, { tokens, commandNames });

    const actions = message!.blocks.find((block) => block.type === "actions") as {
      elements: Array<{ value: string; text: { text: string } }>;
    };
    expect(actions.elements.map((e) => e.value)).toEqual(["answer:a1:q1:0", "answer:a1:q1:1"]);
    expect(actions.elements[0]!.text.text).toBe("A. WHERE");
    expect(sectionTexts([message!])[0]).toContain(`B. ${option}`);
  });
});

describe("/learn subcommands", () => {
  it("maps subcommands to core command text", () => {
    expect(toCoreCommand("courses sql")).toBe("/courses sql");
    expect(toCoreCommand("")).toBe("/help");
    expect(toCoreCommand("  /next ")).toBe("/next");
  });

  it("rewrites command mentions in replies but not URLs", () => {
    expect(
      slackCommandText("Send /next or `/quiz`; see https://x.org/next and /unknown", commandNames),
    ).toBe("Send /learn next or `/learn quiz`; see https://x.org/next and /unknown");
  });
});
