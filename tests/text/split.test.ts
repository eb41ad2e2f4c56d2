import { describe, expect, it } from "vitest";
import type { MarkdownRenderer } from "../../core/text/markdown.js";
import { escapeMarkdown, parseMarkdown, renderBlocks } from "../../core/text/markdown.js";
import { splitMessage } from "../../core/text/split.js";

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const html: MarkdownRenderer = {
  escape: escapeHtml,
  bold: (inner) => `<b>${inner}</b>`,
  italic: (inner) => `<i>${inner}</i>`,
  code: (text) => `<code>${escapeHtml(text)}</code>`,
  link: (text, url) => `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>`,
  heading: (inner) => `<b>${inner}</b>`,
  codeBlock: (text) => `<pre>${escapeHtml(text)}</pre>`,
  listItem: (inner, index, ordered) => `${ordered ? `${index + 1}.` : "•"} ${inner}`,
  quote: (inner) => `<blockquote>${inner}</blockquote>`,
  blockSeparator: "\n\n",
};

/** True when every opened tag is closed in order and no entity is cut. */
function balanced(message: string): boolean {
  const stack: string[] = [];
  for (const [, close, name] of message.matchAll(/<(\/?)(\w+)[^>]*>/g)) {
    if (close) {
      if (stack.pop() !== name) return false;
    } else stack.push(name!);
  }
  return stack.length === 0 && !/&[a-z]*$/.test(message);
}

describe("parseMarkdown", () => {
  it("reads headings, code, lists and inline spans", () => {
    const blocks = parseMarkdown(
      "# Title\n\nSome **bold** and `code` with [a link](https://x.test).\n\n```python\nprint(1 < 2)\n```\n\n- one\n- two",
    );

    expect(blocks.map((b) => b.kind)).toEqual(["heading", "paragraph", "code", "list"]);
    expect(renderBlocks(blocks, html)).toBe(
      '<b>Title</b>\n\nSome <b>bold</b> and <code>code</code> with <a href="https://x.test">a link</a>.\n\n<pre>print(1 &lt; 2)</pre>\n\n• one\n• two',
    );
  });
});

describe("splitMessage", () => {
  it("keeps short text in one message", () => {
    expect(splitMessage("Hello & welcome <friend>", html, 4096)).toEqual([
      "Hello &amp; welcome &lt;friend&gt;",
    ]);
  });

  it("splits a 10,000-character lesson with code and <, >, & into balanced messages within the limit", () => {
    const paragraph = "If a < b && b > c then the **result** is `a < c` sometimes. ".repeat(20);
    const code = `\`\`\`python\n${"if x < 10 and y > 2:\n    print('a & b')\n".repeat(90)}\`\`\``;
    const text = [paragraph, code, paragraph, paragraph, code].join("\n\n");
    expect(text.length).toBeGreaterThan(10_000);

    const messages = splitMessage(text, html, 4096);

    expect(messages.length).toBeGreaterThan(2);
    for (const message of messages) {
      expect(message.length).toBeLessThanOrEqual(4096);
      expect(balanced(message)).toBe(true);
    }
    const pres = messages.join("").match(/<pre>/g)?.length ?? 0;
    expect(pres).toBeGreaterThanOrEqual(2);
    expect(messages.join("")).not.toContain("&amp;lt;");
  });

  it("never cuts an emoji or a Cyrillic letter when one word is longer than the limit", () => {
    const word = "Привет👩‍💻".repeat(100);

    const messages = splitMessage(word, html, 50);

    expect(messages.join("")).toBe(word);
    for (const message of messages) {
      expect(message.length).toBeLessThanOrEqual(50);
      expect(message).not.toMatch(/[\uD800-\uDBFF]$/);
    }
  });

  it("splits at sentence boundaries before words", () => {
    const text = "First sentence here. Second sentence here. Third sentence here.";

    const messages = splitMessage(text, html, 45);

    expect(messages).toEqual([
      "First sentence here. Second sentence here.",
      "Third sentence here.",
    ]);
  });
});

describe("quotes", () => {
  it("reads '> text' as a quote but keeps '>>' and '>=' as text", () => {
    expect(parseMarkdown("> Remember this").map((b) => b.kind)).toEqual(["quote"]);
    expect(renderBlocks(parseMarkdown(">> appends to a file"), html)).toBe(
      "&gt;&gt; appends to a file",
    );
    expect(renderBlocks(parseMarkdown(">= means at least"), html)).toBe("&gt;= means at least");
  });
});

describe("escapeMarkdown", () => {
  it("keeps a title with * and _ literal inside bold", () => {
    const title = "SQL for *Discord* learners_v2 [beta]";

    const html1 = renderBlocks(parseMarkdown(`**${escapeMarkdown(title)}** starts now`), html);

    expect(html1).toBe("<b>SQL for *Discord* learners_v2 [beta]</b> starts now");
  });
});
