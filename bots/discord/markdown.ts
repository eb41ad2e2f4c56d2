import type { MarkdownRenderer } from "../../core/text/markdown.js";

/**
 * Escapes learner and lesson text for Discord Markdown: formatting characters get a backslash,
 * line-start markers (headings, quotes, lists) are neutralised, and mentions cannot ping anyone.
 * See https://support.discord.com/hc/en-us/articles/210298617 for the syntax being escaped.
 */
export function escapeDiscord(text: string): string {
  return neutraliseMentions(
    text
      .replace(/[\\*_~`|[\]<>]/g, (char) => `\\${char}`)
      .replace(/^(\s*)([#>-])/gm, "$1\\$2")
      .replace(/^(\s*\d+)\./gm, "$1\\."),
  );
}

/** Breaks `@everyone` and `@here` with a zero-width space so they render as plain text. */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)/g, "@\u200b$1");
}

/** Inline code that survives backticks inside it. */
function inlineCode(text: string): string {
  const clean = neutraliseMentions(text.replace(/\n/g, " "));
  if (!clean.includes("`")) return `\`${clean}\``;
  return `\`\` ${clean.replace(/``+/g, (run) => run.split("").join("\u200b"))} \`\``;
}

/** A fenced block whose body cannot close the fence early. */
function codeBlock(text: string, lang: string): string {
  const body = text.replace(/```/g, "`\u200b``");
  return `\`\`\`${/^[\w+-]*$/.test(lang) ? lang : ""}\n${body}\n\`\`\``;
}

/** Renders Markdown-lite to Discord Markdown; used for message content and embed descriptions. */
export const discordMarkdown: MarkdownRenderer = {
  escape: escapeDiscord,
  bold: (inner) => `**${inner}**`,
  italic: (inner) => `*${inner}*`,
  code: inlineCode,
  link: (text, url) => {
    const safeUrl = url.replace(/[()\s<>]/g, encodeURIComponent);
    return /^https?:\/\//.test(url) ? `[${escapeDiscord(text)}](${safeUrl})` : escapeDiscord(text);
  },
  heading: (inner, level) => (level <= 3 ? `${"#".repeat(level)} ${inner}` : `**${inner}**`),
  codeBlock,
  listItem: (inner, index, ordered) => `${ordered ? `${index + 1}.` : "-"} ${inner}`,
  quote: (inner) =>
    inner
      .split("\n")
      .map((line) => `> ${line}`)
      .join("\n"),
  blockSeparator: "\n\n",
};
