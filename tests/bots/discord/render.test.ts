import { describe, expect, it } from "vitest";
import { decodeCustomId, decodeOptionValue } from "../../../bots/discord/custom-id.js";
import { escapeDiscord } from "../../../bots/discord/markdown.js";
import { LIMITS, renderReplies } from "../../../bots/discord/render.js";
import { validateMessage } from "../../fakes/discord/validate.js";
import { memoryTokens } from "./memory-tokens.js";

const OWNER = "112233445566778899";

function paragraphs(count: number, size: number): string {
  return Array.from(
    { length: count },
    (_, i) => `Paragraph ${i}. ${"word ".repeat(size / 5)}`,
  ).join("\n\n");
}

describe("escapeDiscord", () => {
  it("neutralises mentions and Markdown a learner typed", () => {
    const escaped = escapeDiscord("@everyone look at <@123> and **this** # not a heading");

    expect(escaped).toBe("@\u200beveryone look at \\<@123\\> and \\*\\*this\\*\\* # not a heading");
  });

  it("escapes line-start markers so text cannot become a heading or quote", () => {
    expect(escapeDiscord("# big\n> quoted\n- item\n1. first")).toBe(
      "\\# big\n\\> quoted\n\\- item\n1\\. first",
    );
  });
});

describe("renderReplies", () => {
  it("sends short text as content with no mentions allowed", async () => {
    const [message] = await renderReplies(
      [{ text: "Hello **there** @here" }],
      OWNER,
      memoryTokens(),
    );

    expect(message!.body).toEqual({
      content: "Hello **there** @\u200bhere",
      allowed_mentions: { parse: [] },
    });
  });

  it("renders a lesson longer than 6,000 characters as embeds within every limit", async () => {
    const text = paragraphs(40, 400);
    expect(text.length).toBeGreaterThan(6000 * 2);

    const messages = await renderReplies(
      [{ text, actions: [{ id: "next", label: "Next" }] }],
      OWNER,
      memoryTokens(),
    );

    expect(messages.length).toBeGreaterThan(2);
    for (const { body } of messages) {
      expect(validateMessage(body as unknown as Record<string, unknown>)).toEqual([]);
      const total = (body.embeds ?? []).reduce((sum, e) => sum + (e.description ?? "").length, 0);
      expect(total).toBeLessThanOrEqual(LIMITS.embedTotal);
    }
    const joined = messages
      .flatMap((m) => m.body.embeds ?? [])
      .map((e) => e.description)
      .join("\n\n");
    expect(joined).toContain("Paragraph 0.");
    expect(joined).toContain("Paragraph 39.");
    expect(messages.at(-1)!.body.components).toHaveLength(1);
    expect(messages.slice(0, -1).every((m) => m.body.components === undefined)).toBe(true);
  });

  it("puts 30 choices into two select menus of at most 25 options", async () => {
    const tokens = memoryTokens();
    const actions = Array.from({ length: 30 }, (_, i) => ({
      id: `q:a1:${i}`,
      label: `Option ${i}`,
    }));

    const [message] = await renderReplies([{ text: "Pick one", actions }], OWNER, tokens);

    const rows = message!.body.components!;
    expect(rows).toHaveLength(2);
    const menus = rows.map((row) => row.components[0] as { options: Array<{ value: string }> });
    expect(menus.map((menu) => menu.options.length)).toEqual([25, 5]);
    expect(await decodeOptionValue(menus[1]!.options[4]!.value, tokens)).toBe("q:a1:29");
    expect(validateMessage(message!.body as unknown as Record<string, unknown>)).toEqual([]);
  });

  it("turns a 120-character slug into a short token resolved on the way back", async () => {
    const tokens = memoryTokens();
    const slug = "s".repeat(120);

    const [message] = await renderReplies(
      [{ text: "Enroll?", actions: [{ id: `enroll:${slug}`, label: "Enroll" }] }],
      OWNER,
      tokens,
    );

    const button = message!.body.components![0]!.components[0] as { custom_id: string };
    expect(button.custom_id.length).toBeLessThanOrEqual(100);
    expect(await decodeCustomId(button.custom_id, tokens)).toEqual({
      owner: OWNER,
      payload: `enroll:${slug}`,
    });
  });

  it("lays 12 buttons in rows of five and adds link buttons after them", async () => {
    const actions = Array.from({ length: 12 }, (_, i) => ({ id: `a:${i}`, label: `${i}` }));
    const links = [{ label: "Certificate", url: "https://studyhall.test/certificates/x" }];

    const [message] = await renderReplies(
      [{ text: "Choose", actions, links }],
      OWNER,
      memoryTokens(),
    );

    const rows = message!.body.components!;
    expect(rows.map((row) => row.components.length)).toEqual([5, 5, 3]);
    expect(rows[2]!.components[2]).toMatchObject({ style: 5, url: links[0]!.url });
  });

  it("offers a button that opens a form when the core expects typed text", async () => {
    const tokens = memoryTokens();

    const [message] = await renderReplies(
      [{ text: "What does SELECT do?", expectsText: { label: "Your answer" } }],
      OWNER,
      tokens,
    );

    const button = message!.body.components![0]!.components[0] as {
      custom_id: string;
      label: string;
    };
    expect(button.label).toBe("Write: Your answer");
    expect((await decodeCustomId(button.custom_id, tokens))!.payload).toBe(
      '#modal:["Your answer",""]',
    );
  });
});
