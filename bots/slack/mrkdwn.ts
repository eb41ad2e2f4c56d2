import type { MarkdownRenderer } from "../../core/text/markdown.js";

/**
 * Escapes text for Slack mrkdwn: `&`, `<` and `>` become entities, so learner or lesson text
 * can never form a mention such as `<!channel>` or a link. See
 * https://api.slack.com/reference/surfaces/formatting#escaping
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Reverses Slack's escaping of typed text (message events and slash command text). */
export function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

const SAFE_SCHEME = /^(https?:|mailto:)/i;

/** Percent-encodes the characters that would end a Slack link early. */
function linkTarget(url: string): string {
  return url.replace(/[<>|\s]/g, (ch) => encodeURIComponent(ch));
}

/** Writes Markdown-lite as Slack mrkdwn; every piece of text goes through {@link escapeMrkdwn}. */
export const mrkdwnRenderer: MarkdownRenderer = {
  escape: escapeMrkdwn,
  bold: (inner) => `*${inner}*`,
  italic: (inner) => `_${inner}_`,
  // A backtick inside inline code would close it early; Slack has no escape for it.
  code: (text) => `\`${escapeMrkdwn(text.replace(/`/g, "ʼ"))}\``,
  link: (text, url) => {
    const label = escapeMrkdwn(text).replace(/\|/g, "¦");
    if (!SAFE_SCHEME.test(url)) return `${label} (${escapeMrkdwn(url)})`;
    return `<${linkTarget(url)}|${label}>`;
  },
  heading: (inner) => `*${inner}*`,
  codeBlock: (text) => `\`\`\`\n${escapeMrkdwn(text.replace(/```/g, "ʼʼʼ"))}\n\`\`\``,
  listItem: (inner, index, ordered) => `${ordered ? `${index + 1}.` : "•"} ${inner}`,
  quote: (inner) =>
    inner
      .split("\n")
      .map((line) => `> ${line}`)
      .join("\n"),
  blockSeparator: "\n\n",
};
