/**
 * Splits a lesson body into bite-sized parts, one chat screen each: at paragraph boundaries,
 * a heading starts a new part, and a fenced code block is never split (it stays with the
 * output block that follows it).
 */

/** Part size limits in characters. */
export interface PartLimits {
  /** Parts shorter than this are merged with a neighbour when that stays within `max`. */
  min: number;
  /** Parts are kept at most this long unless a single code block is longer. */
  max: number;
}

/** The default: 400 to 1500 characters, well under Discord's 2000-character messages. */
export const DEFAULT_PART_LIMITS: PartLimits = { min: 400, max: 1500 };

/** A run of Markdown that is never cut in the middle. */
interface Block {
  kind: "heading" | "code" | "text";
  text: string;
  /** Info string of a code fence ("python", "output", ...). */
  info?: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/;
const OUTPUT_INFO = new Set(["output", "error", "warning", "result", "out"]);

/** Cuts Markdown into blocks: headings, fenced code blocks and blank-line separated text. */
export function markdownBlocks(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let text: string[] = [];
  const flush = () => {
    const joined = unwrapLines(text).trim();
    if (joined) blocks.push({ kind: "text", text: joined });
    text = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const marker = fence[1]!;
      const body = [line];
      let j = i + 1;
      for (; j < lines.length; j++) {
        body.push(lines[j]!);
        const close = lines[j]!.trim();
        if (close.startsWith(marker) && /^(`+|~+)$/.test(close) && close[0] === marker[0]) break;
      }
      if (j >= lines.length) body.push(marker); // an unclosed fence runs to the end: close it
      blocks.push({ kind: "code", text: body.join("\n"), info: fence[2]!.toLowerCase() });
      i = j;
    } else if (/^ {0,3}#{1,6}\s/.test(line)) {
      flush();
      blocks.push({ kind: "heading", text: line.trim() });
    } else if (line.trim() === "") {
      flush();
    } else {
      text.push(line);
    }
  }
  flush();
  return blocks;
}

const HARD_BREAK = /( {2,}|\\)$/;
const LINE_START = /^\s*([-*+]\s|\d+[.)]\s|\||>|:::)/;

/**
 * Joins hard-wrapped source lines into flowing text, since chat apps wrap for themselves.
 * A list item, table row, quote, fenced-div marker or a line after a hard break (two trailing
 * spaces or a backslash) keeps its own line.
 */
export function unwrapLines(lines: string[]): string {
  const out: string[] = [];
  for (const line of lines) {
    const last = out.length - 1;
    const previous = out[last];
    const ownLine = LINE_START.test(line) || HARD_BREAK.test(previous ?? "");
    if (previous === undefined || ownLine || previous.trimStart().startsWith("|")) {
      if (previous !== undefined) out[last] = previous.replace(HARD_BREAK, "");
      out.push(line);
    } else {
      out[last] = `${previous} ${line.trim()}`;
    }
  }
  return out.join("\n");
}

/** Joins a code block with the output block right after it, so they are shown together. */
function unitsOf(blocks: Block[], max: number): Block[] {
  const units: Block[] = [];
  for (const block of blocks) {
    const last = units.at(-1);
    const isOutput = block.kind === "code" && OUTPUT_INFO.has(block.info ?? "");
    if (isOutput && last?.kind === "code" && last.text.length + block.text.length + 2 <= max) {
      units[units.length - 1] = { kind: "code", text: `${last.text}\n\n${block.text}` };
    } else if (block.kind === "text" && block.text.length > max) {
      for (const piece of splitLongText(block.text, max)) units.push({ kind: "text", text: piece });
    } else {
      units.push(block);
    }
  }
  return units;
}

/** Splits an over-long paragraph at sentence ends (or, failing that, at spaces). */
export function splitLongText(text: string, max: number): string[] {
  const sentences = text.split(/(?<=[.!?:;])\s+/);
  const pieces: string[] = [];
  let current = "";
  for (const sentence of sentences.flatMap((s) => (s.length > max ? splitAtSpaces(s, max) : [s]))) {
    if (current && current.length + 1 + sentence.length > max) {
      pieces.push(current);
      current = sentence;
    } else {
      current = current ? `${current} ${sentence}` : sentence;
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

function splitAtSpaces(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = rest.lastIndexOf(" ", max);
    const at = cut > 0 ? cut : max;
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** Splits a lesson body into parts within `limits`; an empty body gives no parts. */
export function splitLessonParts(markdown: string, limits = DEFAULT_PART_LIMITS): string[] {
  const parts: Block[][] = [];
  let current: Block[] = [];
  let size = 0;
  const flush = () => {
    if (current.length > 0) parts.push(current);
    current = [];
    size = 0;
  };
  for (const unit of unitsOf(markdownBlocks(markdown), limits.max)) {
    const onlyHeadings = current.every((block) => block.kind === "heading");
    const tooBig = size > 0 && size + 2 + unit.text.length > limits.max;
    if ((unit.kind === "heading" && !onlyHeadings) || (tooBig && !onlyHeadings)) flush();
    current.push(unit);
    size += (size > 0 ? 2 : 0) + unit.text.length;
  }
  flush();
  return mergeSmallParts(
    parts.map((blocks) => blocks.map((block) => block.text).join("\n\n")),
    limits,
  );
}

/**
 * Merges a short part into the one before it when both fit in one screen and the short one
 * does not open a new section.
 */
function mergeSmallParts(parts: string[], limits: PartLimits): string[] {
  const merged: string[] = [];
  for (const part of parts) {
    const last = merged.at(-1);
    const startsSection = /^#{1,6}\s/.test(part);
    const small = part.length < limits.min || (last !== undefined && last.length < limits.min);
    if (
      last !== undefined &&
      small &&
      !startsSection &&
      last.length + 2 + part.length <= limits.max
    ) {
      merged[merged.length - 1] = `${last}\n\n${part}`;
    } else {
      merged.push(part);
    }
  }
  return merged;
}
