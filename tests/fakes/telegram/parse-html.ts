/**
 * A strict parser of Telegram's HTML parse mode, for the fake Bot API. It accepts the tags and
 * entities listed at https://core.telegram.org/bots/api#html-style and fails with Telegram's
 * "can't parse entities" wording otherwise, so a rendering bug fails a test as it would in
 * production. It is stricter than Telegram in one place: a bare "&" is an error, not text.
 */

/** A formatting entity found in the text, as Telegram reports it. */
export interface ParsedEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
}

/** The visible text and entities of an HTML message, or the error Telegram would give. */
export type ParseResult =
  | { ok: true; text: string; entities: ParsedEntity[] }
  | { ok: false; error: string };

const TAG_TYPES: Record<string, string> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  code: "code",
  pre: "pre",
  a: "text_link",
  blockquote: "blockquote",
  "tg-spoiler": "spoiler",
};

const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

interface OpenTag {
  name: string;
  offset: number;
  url?: string;
}

const fail = (reason: string): ParseResult => ({
  ok: false,
  error: `Bad Request: can't parse entities: ${reason}`,
});

/** Parses `html` the way Telegram's HTML parse mode does. */
export function parseTelegramHtml(html: string): ParseResult {
  let text = "";
  const entities: ParsedEntity[] = [];
  const stack: OpenTag[] = [];
  let i = 0;
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === "&") {
      const entity = readEntity(html, i);
      if (!entity) return fail(`Unsupported HTML entity at byte offset ${byteOffset(html, i)}`);
      text += entity.value;
      i = entity.end;
      continue;
    }
    if (ch !== "<") {
      text += ch;
      i++;
      continue;
    }
    const close = html.indexOf(">", i);
    if (close < 0) return fail(`Unclosed start tag at byte offset ${byteOffset(html, i)}`);
    const raw = html.slice(i + 1, close);
    const at = byteOffset(html, i);
    const result = raw.startsWith("/")
      ? closeTag(raw.slice(1).trim().toLowerCase(), stack, entities, text.length, at)
      : openTag(raw, stack, text.length, at);
    if (result) return fail(result);
    i = close + 1;
  }
  if (stack.length > 0) {
    return fail(`Can't find end tag corresponding to start tag ${stack[stack.length - 1]!.name}`);
  }
  return { ok: true, text, entities: entities.sort((a, b) => a.offset - b.offset) };
}

function openTag(raw: string, stack: OpenTag[], offset: number, at: number): string | null {
  const match = /^([a-zA-Z][\w-]*)\s*([\s\S]*)$/.exec(raw);
  if (!match) return `Unexpected end of name token at byte offset ${at}`;
  const name = match[1]!.toLowerCase();
  if (!(name in TAG_TYPES) && name !== "span") {
    return `Unsupported start tag "${name}" at byte offset ${at}`;
  }
  const parent = stack[stack.length - 1];
  if (parent?.name === "code" || (parent?.name === "pre" && name !== "code")) {
    return `Unsupported nested tag "${name}" inside "${parent.name}" at byte offset ${at}`;
  }
  const attributes = parseAttributes(match[2]!);
  if (attributes === null) return `Invalid attribute syntax in tag "${name}" at byte offset ${at}`;
  if (name === "span" && attributes.class !== "tg-spoiler") {
    return `Tag "span" must have class "tg-spoiler" at byte offset ${at}`;
  }
  let url: string | undefined;
  if (name === "a") {
    url = attributes.href;
    if (!url || !isUrl(url)) return `Invalid URL "${url ?? ""}" in tag "a" at byte offset ${at}`;
  }
  stack.push({ name, offset, url });
  return null;
}

function closeTag(
  name: string,
  stack: OpenTag[],
  entities: ParsedEntity[],
  offset: number,
  at: number,
): string | null {
  const open = stack.pop();
  if (!open) return `Unexpected end tag at byte offset ${at}`;
  if (open.name !== name) {
    return `Can't find end tag corresponding to start tag "${open.name}" at byte offset ${at}`;
  }
  const type = open.name === "span" ? "spoiler" : TAG_TYPES[open.name]!;
  if (offset > open.offset) {
    entities.push({ type, offset: open.offset, length: offset - open.offset, url: open.url });
  }
  return null;
}

function parseAttributes(source: string): Record<string, string> | null {
  const attributes: Record<string, string> = {};
  const pattern = /([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))\s*/y;
  let rest = source.trim();
  while (rest !== "") {
    pattern.lastIndex = 0;
    const match = pattern.exec(rest);
    if (!match) return null;
    const value = decodeEntities(match[2] ?? match[3] ?? match[4] ?? "");
    if (value === null) return null;
    attributes[match[1]!.toLowerCase()] = value;
    rest = rest.slice(match[0].length);
  }
  return attributes;
}

function decodeEntities(value: string): string | null {
  let out = "";
  let i = 0;
  while (i < value.length) {
    if (value[i] !== "&") {
      out += value[i++];
      continue;
    }
    const entity = readEntity(value, i);
    if (!entity) return null;
    out += entity.value;
    i = entity.end;
  }
  return out;
}

function readEntity(source: string, start: number): { value: string; end: number } | null {
  const match = /^&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/.exec(
    source.slice(start, start + 12),
  );
  if (!match) return null;
  const body = match[1]!;
  let value: string | undefined;
  if (body.startsWith("#x")) value = safeCodePoint(Number.parseInt(body.slice(2), 16));
  else if (body.startsWith("#")) value = safeCodePoint(Number.parseInt(body.slice(1), 10));
  else value = NAMED_ENTITIES[body];
  if (value === undefined) return null;
  return { value, end: start + match[0].length };
}

function safeCodePoint(code: number): string | undefined {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

function isUrl(value: string): boolean {
  return /^(https?|tg):\/\/\S+$/.test(value) && URL.canParse(value);
}

function byteOffset(source: string, index: number): number {
  return Buffer.byteLength(source.slice(0, index), "utf8");
}
