import { describe, expect, it } from "vitest";
import {
  markdownBlocks,
  splitLessonParts,
  splitLongText,
  unwrapLines,
} from "../../core/catalog/split-parts.js";

const paragraph = (n: number, length: number) =>
  `${`Paragraph ${n} ${"lorem ipsum ".repeat(Math.ceil(length / 12))}`.slice(0, length).trim()}.`;

describe("splitLessonParts", () => {
  it("gives no parts for an empty body", () => {
    expect(splitLessonParts("\n\n  \n")).toEqual([]);
  });

  it("keeps a short lesson in one part", () => {
    expect(splitLessonParts("One.\n\nTwo.")).toEqual(["One.\n\nTwo."]);
  });

  it("splits at paragraph boundaries within the maximum", () => {
    const body = [1, 2, 3, 4].map((n) => paragraph(n, 700)).join("\n\n");
    const parts = splitLessonParts(body);
    expect(parts).toHaveLength(2);
    expect(parts[0]).toBe(`${paragraph(1, 700)}\n\n${paragraph(2, 700)}`);
    expect(parts[1]).toBe(`${paragraph(3, 700)}\n\n${paragraph(4, 700)}`);
  });

  it("starts a new part at each heading", () => {
    const body = `## One\n\n${paragraph(1, 500)}\n\n## Two\n\n${paragraph(2, 500)}`;
    expect(splitLessonParts(body)).toEqual([
      `## One\n\n${paragraph(1, 500)}`,
      `## Two\n\n${paragraph(2, 500)}`,
    ]);
  });

  it("never splits a code block, even one with blank lines and '#' comments", () => {
    const code = "```python\n# a comment, not a heading\n\nx = 1\n\n\ny = 2\n```";
    const body = `${paragraph(1, 1460)}\n\n${code}\n\n${paragraph(2, 300)}`;
    const parts = splitLessonParts(body);
    expect(parts).toEqual([paragraph(1, 1460), `${code}\n\n${paragraph(2, 300)}`]);
  });

  it("keeps an output block with the code block before it", () => {
    const code = "```python\nprint(1)\n```";
    const output = "```output\n1\n```";
    const body = `${paragraph(1, 1470)}\n\n${code}\n\n${output}`;
    expect(splitLessonParts(body)).toEqual([paragraph(1, 1470), `${code}\n\n${output}`]);
  });

  it("keeps a code block longer than the maximum whole, in a part of its own", () => {
    const code = `\`\`\`python\n${"x = 1\n".repeat(400)}\`\`\``;
    const parts = splitLessonParts(`Intro.\n\n${code}\n\nAfter.`);
    expect(parts).toContain(code);
  });

  it("splits an over-long paragraph at sentence ends", () => {
    const sentence = "This sentence is about forty characters. ";
    const pieces = splitLongText(sentence.repeat(60).trim(), 500);
    expect(pieces.every((piece) => piece.length <= 500 && piece.endsWith("characters."))).toBe(
      true,
    );
    expect(pieces.join(" ")).toBe(sentence.repeat(60).trim());
  });

  it("merges a short trailing paragraph into the part before it", () => {
    const body = `${paragraph(1, 900)}\n\n${paragraph(2, 700)}\n\nThe end.`;
    const parts = splitLessonParts(body);
    expect(parts).toEqual([paragraph(1, 900), `${paragraph(2, 700)}\n\nThe end.`]);
  });
});

describe("markdownBlocks", () => {
  it("treats an unclosed fence as code to the end", () => {
    expect(markdownBlocks("Text\n\n```sql\nSELECT 1;")).toEqual([
      { kind: "text", text: "Text" },
      { kind: "code", text: "```sql\nSELECT 1;\n```", info: "sql" },
    ]);
  });
});

describe("unwrapLines", () => {
  it("joins hard-wrapped prose but keeps list items, table rows and hard breaks", () => {
    const text = unwrapLines([
      "In our last lesson, we discovered something",
      "suspicious in the data.",
      "- first item",
      "  continues here",
      "- second item",
      "| a | b |",
      "| 1 | 2 |",
      "Line with a hard break  ",
      "next line",
    ]);

    expect(text).toBe(
      [
        "In our last lesson, we discovered something suspicious in the data.",
        "- first item continues here",
        "- second item",
        "| a | b |",
        "| 1 | 2 |",
        "Line with a hard break",
        "next line",
      ].join("\n"),
    );
  });
});
