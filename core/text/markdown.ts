/**
 * A parser for the Markdown-lite of `Reply.text` and lesson parts: headings, paragraphs,
 * fenced code, lists and quotes; inline **bold**, _italic_, `code` and [links](url).
 * Renderers walk the tree with {@link renderBlocks}, so every platform escapes its own way.
 */

/** An inline span. */
export type Inline =
  | { kind: "text"; text: string }
  | { kind: "bold"; children: Inline[] }
  | { kind: "italic"; children: Inline[] }
  | { kind: "code"; text: string }
  | { kind: "link"; text: string; url: string };

/** A block of a message. */
export type Block =
  | { kind: "paragraph"; inlines: Inline[] }
  | { kind: "heading"; level: number; inlines: Inline[] }
  | { kind: "code"; lang: string; text: string }
  | { kind: "list"; ordered: boolean; items: Inline[][] }
  | { kind: "quote"; inlines: Inline[] };

const FENCE = /^\s*(`{3,}|~{3,})\s*([\w+-]*)[^\n]*$/;
const HEADING = /^(#{1,6})\s+(.*)$/;
const QUOTE = /^\s*> (?!>)/;
const LIST_ITEM = /^\s*(?:([-*+])|(\d+)[.)])\s+(.*)$/;

/** Parses Markdown-lite text into blocks. Never throws; unknown syntax stays text. */
export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (fence) {
      i = readCode(lines, i, fence[1]!, fence[2] ?? "", blocks);
      continue;
    }
    if (line.trim() === "") {
      i++;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({
        kind: "heading",
        level: heading[1]!.length,
        inlines: parseInline(heading[2]!.trim()),
      });
      i++;
      continue;
    }
    if (LIST_ITEM.test(line)) {
      i = readList(lines, i, blocks);
      continue;
    }
    i = readParagraph(lines, i, blocks);
  }
  return blocks;
}

function readCode(
  lines: string[],
  start: number,
  marker: string,
  lang: string,
  out: Block[],
): number {
  const body: string[] = [];
  let i = start + 1;
  while (i < lines.length && !lines[i]!.trim().startsWith(marker)) body.push(lines[i++]!);
  out.push({ kind: "code", lang, text: body.join("\n") });
  return i + 1;
}

function readList(lines: string[], start: number, out: Block[]): number {
  const items: Inline[][] = [];
  const ordered = LIST_ITEM.exec(lines[start]!)![2] !== undefined;
  let i = start;
  let current: string[] = [];
  const flush = () => current.length && items.push(parseInline(current.join(" ")));
  while (i < lines.length) {
    const line = lines[i]!;
    const item = LIST_ITEM.exec(line);
    if (item) {
      flush();
      current = [item[3]!.trim()];
    } else if (line.trim() !== "" && /^\s+/.test(line) && !FENCE.test(line)) {
      current.push(line.trim());
    } else {
      break;
    }
    i++;
  }
  flush();
  out.push({ kind: "list", ordered, items });
  return i;
}

function readParagraph(lines: string[], start: number, out: Block[]): number {
  const body: string[] = [];
  let i = start;
  // Only "> text" quotes: ">>" and ">=" are operators in lesson code talk, not nested quotes.
  const quote = QUOTE.test(lines[start]!);
  while (i < lines.length) {
    const line = lines[i]!;
    if (
      line.trim() === "" ||
      FENCE.test(line) ||
      (i > start && (HEADING.test(line) || LIST_ITEM.test(line)))
    ) {
      break;
    }
    body.push(quote ? line.replace(/^\s*>\s?/, "") : line.trim());
    i++;
  }
  const inlines = parseInline(body.join("\n"));
  out.push(quote ? { kind: "quote", inlines } : { kind: "paragraph", inlines });
  return i;
}

const INLINE =
  /\\([\\`*_[\]()#>+\-.!|~])|`([^`\n]+)`|\*\*((?:\\.|[^*\\])+?)\*\*|__((?:\\.|[^_\\])+?)__|(?<![\w*\\])\*((?:\\.|[^*\n\\])+?)\*(?![\w*])|(?<![\w\\])_((?:\\.|[^_\n\\])+?)_(?!\w)|\[((?:\\.|[^\]\n\\])+)\]\(([^)\s]+)\)/g;

const ESCAPABLE = /[\\`*_[\]]/g;

/**
 * Escapes text (a course title, a learner's name) so that it shows literally when put into
 * Markdown-lite, e.g. inside `**...**`.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(ESCAPABLE, "\\$&");
}

/** `text` in bold, escaped: for titles and names. */
export function bold(text: string): string {
  return `**${escapeMarkdown(text)}**`;
}

/** `text` in italics, escaped. */
export function italic(text: string): string {
  return `_${escapeMarkdown(text)}_`;
}

const unescapeMarkdown = (text: string) => text.replace(/\\([\\`*_[\]()#>+\-.!|~])/g, "$1");

/** Parses inline spans of one block. */
export function parseInline(text: string): Inline[] {
  const spans: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > last) spans.push({ kind: "text", text: text.slice(last, match.index) });
    const [, escaped, code, bold1, bold2, italic1, italic2, linkText, url] = match;
    if (escaped !== undefined) spans.push({ kind: "text", text: escaped });
    else if (code !== undefined) spans.push({ kind: "code", text: code });
    else if (bold1 !== undefined || bold2 !== undefined) {
      spans.push({ kind: "bold", children: parseInline(bold1 ?? bold2!) });
    } else if (italic1 !== undefined || italic2 !== undefined) {
      spans.push({ kind: "italic", children: parseInline(italic1 ?? italic2!) });
    } else spans.push({ kind: "link", text: unescapeMarkdown(linkText!), url: url! });
    last = match.index + match[0].length;
  }
  if (last < text.length) spans.push({ kind: "text", text: text.slice(last) });
  return spans;
}

/** The plain text of inline spans, without any formatting. */
export function plainText(inlines: Inline[]): string {
  return inlines
    .map((span) => {
      if (span.kind === "bold" || span.kind === "italic") return plainText(span.children);
      if (span.kind === "link")
        return span.text === span.url ? span.url : `${span.text} (${span.url})`;
      return span.text;
    })
    .join("");
}

/** How one platform writes each node; `escape` is applied to every piece of learner text. */
export interface MarkdownRenderer {
  escape(text: string): string;
  bold(inner: string): string;
  italic(inner: string): string;
  code(text: string): string;
  link(text: string, url: string): string;
  heading(inner: string, level: number): string;
  codeBlock(text: string, lang: string): string;
  listItem(inner: string, index: number, ordered: boolean): string;
  quote(inner: string): string;
  /** Text placed between two blocks. */
  blockSeparator: string;
}

/** Renders inline spans with `renderer`. */
export function renderInline(inlines: Inline[], renderer: MarkdownRenderer): string {
  return inlines.map((span) => renderSpan(span, renderer)).join("");
}

function renderSpan(span: Inline, renderer: MarkdownRenderer): string {
  switch (span.kind) {
    case "text":
      return renderer.escape(span.text);
    case "bold":
      return renderer.bold(renderInline(span.children, renderer));
    case "italic":
      return renderer.italic(renderInline(span.children, renderer));
    case "code":
      return renderer.code(span.text);
    case "link":
      return renderer.link(span.text, span.url);
  }
}

/** Renders one block with `renderer`. */
export function renderBlock(block: Block, renderer: MarkdownRenderer): string {
  switch (block.kind) {
    case "paragraph":
      return renderInline(block.inlines, renderer);
    case "heading":
      return renderer.heading(renderInline(block.inlines, renderer), block.level);
    case "code":
      return renderer.codeBlock(block.text, block.lang);
    case "quote":
      return renderer.quote(renderInline(block.inlines, renderer));
    case "list":
      return block.items
        .map((item, index) => renderer.listItem(renderInline(item, renderer), index, block.ordered))
        .join("\n");
  }
}

/** Renders blocks with `renderer`, joined by its block separator. */
export function renderBlocks(blocks: Block[], renderer: MarkdownRenderer): string {
  return blocks.map((block) => renderBlock(block, renderer)).join(renderer.blockSeparator);
}
