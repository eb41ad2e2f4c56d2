import {
  type Block,
  type Inline,
  type MarkdownRenderer,
  parseMarkdown,
  plainText,
  renderBlock,
} from "./markdown.js";

/** Measures a rendered message the way a platform counts its limit (UTF-16 units by default). */
export type Measure = (rendered: string) => number;

const utf16: Measure = (rendered) => rendered.length;
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * Renders Markdown-lite `text` with `renderer` into messages of at most `limit`, splitting at
 * block (paragraph) boundaries first, then sentences, then words. Pieces are rendered whole, so
 * no tag, entity, code block or multi-byte character is ever cut; an oversized code block
 * becomes several complete code blocks.
 */
export function splitMessage(
  text: string,
  renderer: MarkdownRenderer,
  limit: number,
  measure: Measure = utf16,
): string[] {
  const fits = (block: Block) => measure(renderBlock(block, renderer)) <= limit;
  const pieces = parseMarkdown(text).flatMap((block) => shrink(block, fits));
  const messages: string[] = [];
  let current = "";
  for (const piece of pieces) {
    const rendered = renderBlock(piece, renderer);
    const joined = current === "" ? rendered : current + renderer.blockSeparator + rendered;
    if (measure(joined) <= limit) {
      current = joined;
      continue;
    }
    if (current !== "") messages.push(current);
    current = rendered;
  }
  if (current !== "") messages.push(current);
  return messages.length > 0 ? messages : [""];
}

/** Splits a block into blocks that each fit, keeping formatting where it can. */
function shrink(block: Block, fits: (block: Block) => boolean): Block[] {
  if (fits(block)) return [block];
  switch (block.kind) {
    case "code":
      return packUnits(splitLines(block.text), (text) => ({ ...block, text }), fits, "\n");
    case "list":
      if (block.items.length > 1) {
        return block.items.flatMap((item) => shrink({ ...block, items: [item] }, fits));
      }
      return shrink({ kind: "paragraph", inlines: block.items[0] ?? [] }, fits);
    default: {
      const make = (inlines: Inline[]): Block => ({ ...block, inlines });
      return packInlines(inlineAtoms(block.inlines), make, fits);
    }
  }
}

/** Breaks inline spans into atoms: sentences and words of text, and whole formatted spans. */
function inlineAtoms(inlines: Inline[]): Inline[] {
  return inlines.flatMap((span): Inline[] =>
    span.kind === "text"
      ? span.text.split(/(?<=[.!?…:;]\s+)|(?<=\n)/).map((text) => ({ kind: "text" as const, text }))
      : [span],
  );
}

function packInlines(
  atoms: Inline[],
  make: (inlines: Inline[]) => Block,
  fits: (b: Block) => boolean,
): Block[] {
  const out: Block[] = [];
  let current: Inline[] = [];
  for (const atom of atoms) {
    const next = [...current, atom];
    if (fits(make(next))) {
      current = next;
      continue;
    }
    if (current.length > 0) out.push(make(current));
    if (fits(make([atom]))) {
      current = [atom];
      continue;
    }
    // An atom too long alone: fall back to its plain words, then to graphemes.
    const words = plainText([atom]).split(/(?<=\s)/);
    const smaller =
      words.length > 1 ? words : [...graphemes.segment(plainText([atom]))].map((s) => s.segment);
    const pieces = packUnits(smaller, (text) => make([{ kind: "text", text }]), fits, "");
    current = [];
    out.push(...pieces);
  }
  if (current.length > 0) out.push(make(current));
  return out.map((block) => trimBlock(block));
}

function trimBlock(block: Block): Block {
  if (block.kind !== "paragraph" && block.kind !== "quote" && block.kind !== "heading")
    return block;
  const inlines = block.inlines.map((span, index, all) => {
    if (span.kind !== "text") return span;
    let text = span.text;
    if (index === 0) text = text.trimStart();
    if (index === all.length - 1) text = text.trimEnd();
    return { ...span, text };
  });
  return { ...block, inlines };
}

function splitLines(text: string): string[] {
  return text.split("\n");
}

/** Greedily joins units with `glue` into blocks that fit; a unit too long alone is cut by graphemes. */
function packUnits(
  units: string[],
  make: (text: string) => Block,
  fits: (b: Block) => boolean,
  glue: string,
): Block[] {
  const out: Block[] = [];
  let current: string | null = null;
  for (const unit of units) {
    const joined: string = current === null ? unit : current + glue + unit;
    if (fits(make(joined))) {
      current = joined;
      continue;
    }
    if (current !== null) out.push(make(current));
    current = null;
    if (fits(make(unit))) {
      current = unit;
      continue;
    }
    let piece = "";
    for (const { segment } of graphemes.segment(unit)) {
      if (piece !== "" && !fits(make(piece + segment))) {
        out.push(make(piece));
        piece = "";
      }
      piece += segment;
    }
    current = piece;
  }
  if (current !== null && current !== "") out.push(make(current));
  return out;
}
