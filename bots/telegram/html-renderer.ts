/**
 * Markdown-lite to Telegram's HTML parse mode (https://core.telegram.org/bots/api#html-style),
 * split into messages of at most 4096 visible characters.
 */
import { type MarkdownRenderer, parseMarkdown, renderBlocks } from "../../core/text/markdown.js";
import { splitMessage } from "../../core/text/split.js";

/** Longest message text Telegram accepts, counted after entity parsing. */
export const TELEGRAM_TEXT_LIMIT = 4096;

/** Escapes the three characters HTML parse mode reserves. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttribute(text: string): string {
  return escapeHtml(text).replace(/"/g, "&quot;");
}

/** Telegram renders links only for these schemes; anything else is shown as plain text. */
function isLinkable(url: string): boolean {
  return /^(https?|tg):\/\/\S+$/.test(url) && URL.canParse(url);
}

/** Telegram's HTML dialect of Markdown-lite. */
export const telegramHtml: MarkdownRenderer = {
  escape: escapeHtml,
  bold: (inner) => `<b>${inner}</b>`,
  italic: (inner) => `<i>${inner}</i>`,
  code: (text) => `<code>${escapeHtml(text)}</code>`,
  link: (text, url) =>
    isLinkable(url)
      ? `<a href="${escapeAttribute(url)}">${escapeHtml(text)}</a>`
      : escapeHtml(text === url ? url : `${text} (${url})`),
  heading: (inner) => `<b>${inner}</b>`,
  codeBlock: (text, lang) =>
    lang
      ? `<pre><code class="language-${escapeAttribute(lang)}">${escapeHtml(text)}</code></pre>`
      : `<pre>${escapeHtml(text)}</pre>`,
  listItem: (inner, index, ordered) => `${ordered ? `${index + 1}.` : "•"} ${inner}`,
  quote: (inner) => `<blockquote>${inner}</blockquote>`,
  blockSeparator: "\n\n",
};

const ENTITY = /&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);/g;

/** Length Telegram counts for a rendered message: the text without tags, entities decoded. */
export function visibleLength(html: string): number {
  return html.replace(/<[^>]*>/g, "").replace(ENTITY, "_").length;
}

/** Renders Markdown-lite `text` to HTML messages that each fit Telegram's limit. */
export function renderTelegramMessages(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  return splitMessage(text, telegramHtml, limit, visibleLength).filter(
    (message) => visibleLength(message) > 0 && message.trim() !== "",
  );
}

/** Renders short Markdown-lite text as one HTML string, for notes and captions. */
export function renderTelegramInline(text: string): string {
  return renderBlocks(parseMarkdown(text), telegramHtml);
}
