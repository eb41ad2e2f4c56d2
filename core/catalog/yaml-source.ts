import { isNode, LineCounter, parseDocument } from "yaml";
import type { ProblemList } from "./problems.js";

/** A parsed YAML text that can say on which line each value stands. */
export interface YamlSource {
  /** The plain JavaScript value (undefined when the text is empty or broken). */
  value: unknown;
  /** 1-based line of the value at `path` (or of the nearest parent that exists). */
  lineOf(path: ReadonlyArray<string | number>): number;
}

/**
 * Parses `text` as YAML. Syntax errors are added to `problems` as `file:line` (shifted by
 * `firstLine - 1` for YAML embedded in a larger file) and give a value of undefined.
 */
export function parseYaml(
  text: string,
  file: string,
  problems: ProblemList,
  firstLine = 1,
): YamlSource {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const shift = firstLine - 1;
  for (const error of doc.errors) {
    const line = counter.linePos(error.pos[0]).line + shift;
    const reason = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    problems.add(
      file,
      line,
      `YAML cannot be read (${reason}); check the indentation and put text containing ": " or "#" in quotes`,
    );
  }
  const lineOf = (path: ReadonlyArray<string | number>): number => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return counter.linePos(node.range[0]).line + shift;
    }
    return firstLine;
  };
  const value = doc.errors.length > 0 ? undefined : doc.toJS();
  return { value, lineOf };
}

/** A text split into YAML front matter and Markdown body. */
export interface FrontMatterText {
  /** The front matter, or null when the file has none. */
  yaml: YamlSource | null;
  body: string;
  /** 1-based line of the body's first line in the file. */
  bodyLine: number;
}

/**
 * Splits `---` front matter from a Markdown file. An opening `---` without a closing one is
 * reported, and the whole file is then treated as the body.
 */
export function splitFrontMatter(
  text: string,
  file: string,
  problems: ProblemList,
): FrontMatterText {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  if (lines[0]?.trim() !== "---") return { yaml: null, body: lines.join("\n"), bodyLine: 1 };
  const end = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)\s*$/.test(line));
  if (end < 0) {
    problems.add(
      file,
      1,
      "front matter opens with '---' but never closes; add a line with only '---' after the last field",
    );
    return { yaml: null, body: lines.slice(1).join("\n"), bodyLine: 2 };
  }
  const yaml = parseYaml(lines.slice(1, end).join("\n"), file, problems, 2);
  return { yaml, body: lines.slice(end + 1).join("\n"), bodyLine: end + 2 };
}
