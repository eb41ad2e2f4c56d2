import type { ProblemList } from "./problems.js";

/**
 * Pandoc fenced divs as the Carpentries Workbench writes them:
 * `::::: challenge` opens a block, a line of colons alone closes the innermost one,
 * and code fences are opaque (colons inside them mean nothing).
 */

/** A line of Markdown outside any div, with its 1-based line number in the file. */
export interface TextLine {
  kind: "line";
  text: string;
  line: number;
}

/** A fenced div and what it contains. */
export interface Div {
  kind: "div";
  name: string;
  line: number;
  children: DivNode[];
}

/** Either a text line or a nested div. */
export type DivNode = TextLine | Div;

const OPEN = /^(:{3,})\s*\{?\s*\.?([A-Za-z][\w-]*)\s*\}?\s*:*\s*$/;
const CLOSE = /^:{3,}\s*$/;
const CODE_FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Parses `body` (whose first line is line `firstLine` of `file`) into div trees. An unclosed
 * div or a stray closing line is reported to `problems`.
 */
export function parseFencedDivs(
  body: string,
  file: string,
  problems: ProblemList,
  firstLine = 1,
): DivNode[] {
  const root: Div = { kind: "div", name: "", line: firstLine, children: [] };
  const stack: Div[] = [root];
  let fence: string | null = null;
  body.split("\n").forEach((text, index) => {
    const line = firstLine + index;
    const top = stack.at(-1)!;
    const codeFence = CODE_FENCE.exec(text);
    if (fence !== null) {
      if (codeFence && text.trim().startsWith(fence) && /^(`+|~+)$/.test(text.trim())) fence = null;
      top.children.push({ kind: "line", text, line });
      return;
    }
    if (codeFence) fence = codeFence[1]!;
    const open = fence === null ? OPEN.exec(text) : null;
    if (open) {
      const div: Div = { kind: "div", name: open[2]!.toLowerCase(), line, children: [] };
      top.children.push(div);
      stack.push(div);
    } else if (fence === null && CLOSE.test(text)) {
      if (stack.length > 1) stack.pop();
      else problems.add(file, line, "this closing ':::' line has no block to close; remove it");
    } else {
      top.children.push({ kind: "line", text, line });
    }
  });
  for (const open of stack.slice(1)) {
    problems.add(
      file,
      open.line,
      `the '${open.name}' block opened here is never closed; add a line of colons (:::) after it`,
    );
  }
  return root.children;
}

/** The text of text lines directly inside `nodes`, nested divs left out. */
export function ownText(nodes: DivNode[]): string {
  return nodes
    .filter((node): node is TextLine => node.kind === "line")
    .map((node) => node.text)
    .join("\n");
}

/** The items of the Markdown bullet list in `text` ("- a" / "* b"), continuation lines joined. */
export function bulletItems(text: string): string[] {
  const items: string[] = [];
  for (const line of text.split("\n")) {
    const item = /^\s*[-*+]\s+(.*)$/.exec(line);
    if (item) items.push(item[1]!.trim());
    else if (line.trim() && items.length > 0) items[items.length - 1] += ` ${line.trim()}`;
  }
  return items;
}
