import { describe, expect, it } from "vitest";
import type { PackageFiles } from "../../core/catalog/package-files.js";
import { parsePackage } from "../../core/catalog/parse-package.js";
import { formatProblem } from "../../core/catalog/problems.js";

const COURSE = `title: Tiny Course
slug: tiny
summary: A course for tests.
level: beginner
instructor:
  name: Ada
  telegram: "12345"
lessons:
  - 01-one.md
  - 02-two.md
`;

const LESSON_ONE = `---
title: One
key: one
objectives: [Learn one thing]
---

The first lesson.
`;

const LESSON_TWO = `---
title: Two
---

The second lesson.

\`\`\`quiz
questions:
  - key: pick
    type: single
    prompt: Pick A
    options: [A, B]
    answer: A
    explanation: A is right.
\`\`\`
`;

function pkg(overrides: Record<string, string | undefined> = {}): PackageFiles {
  const files: Record<string, string | undefined> = {
    "course.yaml": COURSE,
    "lessons/01-one.md": LESSON_ONE,
    "lessons/02-two.md": LESSON_TWO,
    ...overrides,
  };
  const present = Object.entries(files).filter((e): e is [string, string] => e[1] !== undefined);
  return { label: "tiny", name: "tiny", files: new Map(present) };
}

function problemsOf(files: PackageFiles): string[] {
  const result = parsePackage(files);
  if (result.ok) throw new Error("expected the package to be refused");
  return result.problems.map(formatProblem);
}

describe("a valid package", () => {
  it("parses with its quiz and instructor identity", () => {
    const result = parsePackage(pkg());
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join("\n"));
    expect(result.course.lessons.map((l) => l.key)).toEqual(["one", "two"]);
    expect(result.course.lessons[1]!.quiz?.questions[0]?.correct).toEqual([0]);
    expect(result.course.lessons[1]!.parts).toEqual(["The second lesson."]);
    expect(result.course.instructorIdentities).toEqual([
      { platform: "telegram", externalId: "12345" },
    ]);
  });
});

describe("a malformed package is refused with file:line problems", () => {
  it("broken front matter: YAML that cannot be read", () => {
    const broken = LESSON_ONE.replace(
      "objectives: [Learn one thing]",
      "objectives: [Learn one thing",
    );
    expect(problemsOf(pkg({ "lessons/01-one.md": broken }))[0]).toMatch(
      /^tiny\/lessons\/01-one\.md:4: YAML cannot be read/,
    );
  });

  it("broken front matter: never closed", () => {
    expect(problemsOf(pkg({ "lessons/01-one.md": "---\ntitle: One\n\nText.\n" }))).toContain(
      "tiny/lessons/01-one.md:1: front matter opens with '---' but never closes; add a line with only '---' after the last field",
    );
  });

  it("a lesson file named in the order list is missing", () => {
    expect(problemsOf(pkg({ "lessons/02-two.md": undefined }))).toEqual([
      "tiny/course.yaml:10: lesson file lessons/02-two.md is listed but does not exist; create it or remove this line (found: lessons/01-one.md)",
    ]);
  });

  it("a question with no correct answer", () => {
    const lesson = LESSON_TWO.replace("    answer: A\n", "");
    expect(problemsOf(pkg({ "lessons/02-two.md": lesson }))).toEqual([
      'tiny/lessons/02-two.md:9: question "pick" has no correct answer; add answer: <text of the right option>',
    ]);
  });

  it("an answer that is not one of the options", () => {
    const lesson = LESSON_TWO.replace("answer: A", "answer: C");
    expect(problemsOf(pkg({ "lessons/02-two.md": lesson }))).toEqual([
      'tiny/lessons/02-two.md:13: question "pick": the answer "C" is not one of the options; copy the option\'s text exactly',
    ]);
  });

  it("duplicate lesson keys", () => {
    const lesson = LESSON_TWO.replace("title: Two", "title: Two\nkey: one");
    expect(problemsOf(pkg({ "lessons/02-two.md": lesson }))).toEqual([
      'tiny/lessons/02-two.md:3: lesson key "one" is already used by tiny/lessons/01-one.md:3; give this one another key',
    ]);
  });

  it("duplicate question keys", () => {
    const quiz = `- key: same\n  type: truefalse\n  prompt: Yes?\n  answer: true\n  explanation: Yes.\n- key: same\n  type: numeric\n  prompt: Two?\n  answer: 2\n  explanation: Two.\n`;
    expect(problemsOf(pkg({ "lessons/01-one.quiz.yaml": quiz }))).toEqual([
      'tiny/lessons/01-one.quiz.yaml:6: question key "same" is already used at line 1; give each question its own key',
    ]);
  });

  it("an unknown level", () => {
    expect(problemsOf(pkg({ "course.yaml": COURSE.replace("beginner", "expert") }))).toEqual([
      'tiny/course.yaml:4: level "expert" is unknown; use one of beginner, intermediate, advanced',
    ]);
  });

  it("an empty lesson", () => {
    expect(problemsOf(pkg({ "lessons/01-one.md": "---\ntitle: One\n---\n\n\n" }))).toEqual([
      "tiny/lessons/01-one.md:4: the lesson is empty; write its text below the front matter",
    ]);
  });

  it("every problem at once, not only the first", () => {
    const course = COURSE.replace("beginner", "expert").replace("slug: tiny", "slug: Tiny Course");
    const lesson = LESSON_TWO.replace("    explanation: A is right.\n", "");
    const problems = problemsOf(pkg({ "course.yaml": course, "lessons/02-two.md": lesson }));
    expect(problems).toEqual([
      'tiny/course.yaml:2: slug "Tiny Course" must be lowercase letters, digits and dashes (e.g. sql-basics)',
      'tiny/course.yaml:4: level "expert" is unknown; use one of beginner, intermediate, advanced',
      'tiny/lessons/02-two.md:9: question "pick" has no explanation; add explanation: <why the answer is right>',
    ]);
  });

  it("a folder of neither format", () => {
    const files: PackageFiles = {
      label: "notes",
      name: "notes",
      files: new Map([["a.md", "# A"]]),
    };
    expect(problemsOf(files)[0]).toMatch(/^notes: not a course package: add course\.yaml/);
  });

  it("a Carpentries episode listed in config.yaml but missing", () => {
    const files: PackageFiles = {
      label: "carp",
      name: "carp",
      files: new Map([
        ["config.yaml", "title: 'Carp'\nepisodes:\n- 01-a.md\n- 02-b.md\n"],
        ["episodes/01-a.md", "---\ntitle: A\n---\n\nSome text.\n"],
      ]),
    };
    expect(problemsOf(files)).toEqual([
      'carp/config.yaml:4: episode "02-b.md" is listed but episodes/02-b.md does not exist; add the file or remove it from episodes',
    ]);
  });

  it("a Carpentries challenge that is never closed", () => {
    const episode = "---\ntitle: A\n---\n\nText.\n\n::::: challenge\n\n## Try\n\nDo it.\n";
    const files: PackageFiles = {
      label: "carp",
      name: "carp",
      files: new Map([
        ["config.yaml", "title: 'Carp'\nepisodes:\n- 01-a.md\n"],
        ["episodes/01-a.md", episode],
      ]),
    };
    expect(problemsOf(files)).toEqual([
      "carp/episodes/01-a.md:7: the 'challenge' block opened here is never closed; add a line of colons (:::) after it",
    ]);
  });
});
