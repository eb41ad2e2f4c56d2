import { describe, expect, it } from "vitest";
import {
  escapeHtml,
  renderTelegramMessages,
  visibleLength,
} from "../../../bots/telegram/html-renderer.js";
import {
  actionFromCallbackData,
  buildKeyboard,
  callbackDataFor,
} from "../../../bots/telegram/keyboard.js";
import { fitsQuizPoll, renderReply } from "../../../bots/telegram/render-reply.js";
import type { QuestionView } from "../../../core/messages.js";
import type { ActionTokenStore } from "../../../core/ports/accounts.js";
import { parseTelegramHtml } from "../../fakes/telegram/parse-html.js";

/** An in-memory token store with the same contract as the Prisma one. */
function memoryTokens(): ActionTokenStore & { size(): number } {
  const byToken = new Map<string, string>();
  return {
    async tokenFor(action) {
      const token = `t${Buffer.from(action).toString("base64url").slice(0, 10)}${byToken.size}`;
      for (const [key, value] of byToken) if (value === action) return key;
      byToken.set(token, action);
      return token;
    },
    async resolve(token) {
      return byToken.get(token) ?? null;
    },
    size: () => byToken.size,
  };
}

function question(overrides: Partial<QuestionView> = {}): QuestionView {
  return {
    attemptId: "a1",
    questionId: "q1",
    type: "single",
    prompt: "Which keyword filters rows in SQL?",
    options: ["WHERE", "ORDER BY", "GROUP BY"],
    correctOptions: [0],
    explanation: "WHERE keeps the rows whose condition is true.",
    answerActionPrefix: "ans:a1:q1:",
    ...overrides,
  };
}

/** A 10,000-character lesson with code blocks and the characters HTML reserves. */
function longLesson(): string {
  const paragraph =
    "Compare values with a < b and b > c, and join conditions with && or & in shell scripts. " +
    "Tags such as <b> or </i> in lesson text are text, not formatting. Ünïcödé, кириллица and 🎓 too.";
  const code = "```python\nif a < b and b > c:\n    print('a & b <tag>')\n```";
  const parts: string[] = [];
  while (parts.join("\n\n").length < 10_000) parts.push(paragraph, paragraph, code);
  return parts.join("\n\n");
}

describe("Telegram HTML rendering", () => {
  it("escapes <, > and & in learner text so that Telegram parses it", () => {
    const [html] = renderTelegramMessages("Use a < b && c > d, not <script>.");

    expect(html).toBe("Use a &lt; b &amp;&amp; c &gt; d, not &lt;script&gt;.");
    const parsed = parseTelegramHtml(html!);
    expect(parsed.ok && parsed.text).toBe("Use a < b && c > d, not <script>.");
  });

  it("renders bold, italic, code, links and code blocks as Telegram tags", () => {
    const [html] = renderTelegramMessages(
      "**Joins** and _keys_ use `a<b`: see [the docs](https://example.org/a?x=1&y=2)\n\n```sql\nSELECT 1 < 2;\n```",
    );

    expect(html).toBe(
      '<b>Joins</b> and <i>keys</i> use <code>a&lt;b</code>: see <a href="https://example.org/a?x=1&amp;y=2">the docs</a>\n\n<pre><code class="language-sql">SELECT 1 &lt; 2;\n</code></pre>'.replace(
        "\n</code>",
        "</code>",
      ),
    );
    expect(parseTelegramHtml(html!).ok).toBe(true);
  });

  it("splits a 10,000-character lesson with code and <>& into valid messages of at most 4096", () => {
    const lesson = longLesson();

    const messages = renderTelegramMessages(lesson);

    expect(messages.length).toBeGreaterThanOrEqual(3);
    for (const html of messages) {
      const parsed = parseTelegramHtml(html);
      expect(parsed.ok, parsed.ok ? "" : parsed.error).toBe(true);
      if (parsed.ok) expect(parsed.text.length).toBeLessThanOrEqual(4096);
      expect(visibleLength(html)).toBeLessThanOrEqual(4096);
      // Code blocks are complete in every piece.
      expect(html.split("<pre>").length).toBe(html.split("</pre>").length);
    }
    const visible = messages.map((html) => (parseTelegramHtml(html) as { text: string }).text);
    expect(visible.join("\n\n")).toContain("print('a & b <tag>')");
    expect(visible.join("").match(/🎓/g)?.length).toBe(lesson.match(/🎓/g)?.length);
  });

  it("keeps callback_data within 64 bytes for Cyrillic and emoji action ids, and resolves tokens back", async () => {
    const tokens = memoryTokens();
    const longId = "enroll:основы-анализа-данных-🎓📊-для-начинающих";
    expect(Buffer.byteLength(longId)).toBeGreaterThan(64);

    const keyboard = await buildKeyboard(
      [
        {
          id: longId,
          label: "Записаться на «Основы анализа данных» 🎓📊 — курс для начинающих и не только",
        },
        { id: "next", label: "Next" },
      ],
      tokens,
    );

    const buttons = keyboard.flat();
    for (const button of buttons) {
      expect(Buffer.byteLength(button.callback_data!)).toBeGreaterThanOrEqual(1);
      expect(Buffer.byteLength(button.callback_data!)).toBeLessThanOrEqual(64);
      expect(button.text.length).toBeLessThanOrEqual(60);
    }
    expect(buttons[1]!.callback_data).toBe("next");
    expect(await actionFromCallbackData(buttons[0]!.callback_data!, tokens)).toBe(longId);
    expect(await callbackDataFor(longId, tokens)).toBe(buttons[0]!.callback_data);
    expect(await actionFromCallbackData("~unknown", tokens)).toBeNull();
  });

  it("sends a question within Telegram's limits as a non-anonymous quiz poll", async () => {
    const view = question();
    const [poll] = await renderReply(
      {
        text: view.prompt,
        question: view,
        actions: view.options.map((o, i) => ({ id: `ans:a1:q1:${i}`, label: o })),
      },
      memoryTokens(),
    );

    expect(poll).toEqual({
      kind: "poll",
      question: view.prompt,
      options: view.options,
      correctOptionId: 0,
      explanation: view.explanation,
      answerActionPrefix: "ans:a1:q1:",
    });
  });

  it("falls back to buttons for 14 options, a 300-character option, multiple answers and a long explanation", async () => {
    const fourteen = question({ options: Array.from({ length: 14 }, (_, i) => `Option ${i + 1}`) });
    const longOption = question({ options: ["short", "x".repeat(300)] });
    const multiple = question({ type: "multiple", correctOptions: [0, 1] });
    const longExplanation = question({ explanation: "e".repeat(201) });

    for (const view of [fourteen, longOption, multiple, longExplanation]) {
      expect(fitsQuizPoll(view)).toBe(false);
      const actions = view.options.map((label, i) => ({
        id: `${view.answerActionPrefix}${i}`,
        label,
      }));
      const out = await renderReply({ text: view.prompt, question: view, actions }, memoryTokens());
      expect(out.map((o) => o.kind)).toEqual(["text"]);
      const text = out[0]!;
      if (text.kind !== "text") throw new Error("expected text");
      expect(text.keyboard!.flat().map((b) => b.callback_data)).toEqual(actions.map((a) => a.id));
      expect(text.keyboard!.every((row) => row.length === 1)).toBe(true);
    }
  });

  it("asks for typed answers with force_reply, and says it in words when buttons are present", async () => {
    const [typed] = await renderReply(
      { text: "How many rows?", expectsText: { label: "Type a number", placeholder: "42" } },
      memoryTokens(),
    );
    const [withButtons] = await renderReply(
      {
        text: "How many rows?",
        expectsText: { label: "Type a number" },
        actions: [{ id: "skip", label: "Skip" }],
      },
      memoryTokens(),
    );

    expect(typed).toMatchObject({ kind: "text", forceReply: { placeholder: "42" } });
    expect(withButtons).toMatchObject({
      kind: "text",
      html: "How many rows?\n\n<i>Type a number</i>",
    });
  });

  it("escapes everything it puts in links and labels", () => {
    expect(escapeHtml(`<a href="x">&</a>`)).toBe(`&lt;a href="x"&gt;&amp;&lt;/a&gt;`);
  });
});
