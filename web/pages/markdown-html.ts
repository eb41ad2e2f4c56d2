import {
  type Block,
  type MarkdownRenderer,
  parseMarkdown,
  renderInline,
} from "../../core/text/markdown.js";
import { escapeHtml, raw, type SafeHtml, safeUrl } from "./html.js";

/** HTML for the inline spans of Markdown-lite; every piece of text is escaped. */
const inlineHtml: MarkdownRenderer = {
  escape: escapeHtml,
  bold: (inner) => `<strong>${inner}</strong>`,
  italic: (inner) => `<em>${inner}</em>`,
  code: (text) => `<code>${escapeHtml(text)}</code>`,
  link: (text, url) =>
    `<a href="${escapeHtml(safeUrl(url))}" rel="nofollow noopener">${escapeHtml(text)}</a>`,
  heading: (inner, level) => `<h${level}>${inner}</h${level}>`,
  codeBlock: (text) => `<pre><code>${escapeHtml(text)}</code></pre>`,
  listItem: (inner) => `<li>${inner}</li>`,
  quote: (inner) => `<blockquote>${inner}</blockquote>`,
  blockSeparator: "\n",
};

function blockHtml(block: Block, headingOffset: number): string {
  const r = inlineHtml;
  switch (block.kind) {
    case "paragraph":
      return `<p>${renderInline(block.inlines, r)}</p>`;
    case "heading":
      return r.heading(renderInline(block.inlines, r), Math.min(6, block.level + headingOffset));
    case "code":
      return r.codeBlock(block.text, block.lang);
    case "quote":
      return r.quote(renderInline(block.inlines, r));
    case "list": {
      const tag = block.ordered ? "ol" : "ul";
      const items = block.items.map((item, i) => r.listItem(renderInline(item, r), i, false));
      return `<${tag}>${items.join("")}</${tag}>`;
    }
  }
}

/**
 * Renders Markdown-lite (a course description, a review) as escaped HTML; headings are
 * pushed down by `headingOffset` levels so they nest under the page's own headings.
 */
export function markdownToHtml(source: string, headingOffset = 2): SafeHtml {
  return raw(
    parseMarkdown(source)
      .map((block) => blockHtml(block, headingOffset))
      .join("\n"),
  );
}
