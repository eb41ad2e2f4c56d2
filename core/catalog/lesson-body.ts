import { cleanMarkdown } from "./clean-markdown.js";
import type { ExerciseSpec } from "./course-package.js";
import { type Div, type DivNode, ownText } from "./fenced-divs.js";
import type { ProblemList } from "./problems.js";
import { oneLine, slugify, uniqueKey } from "./text-helpers.js";

/** A lesson body with its structured blocks taken out. */
export interface LessonBody {
  /** Learner-facing Markdown, cleaned, without exercises or instructor notes. */
  markdown: string;
  exercises: ExerciseSpec[];
  /** Text of the `objectives`, `questions` and `keypoints` blocks, by block name. */
  lists: Map<string, string>;
}

const EXERCISE_DIVS = new Set(["challenge", "exercise"]);
const SOLUTION_DIVS = new Set(["solution", "hint"]);
const LIST_DIVS = new Set(["objectives", "questions", "keypoints"]);
// Notes for the person teaching a live workshop, not for a learner on their own.
const DROPPED_DIVS = new Set(["instructor", "solution", "hint"]);
const LABELS: Record<string, string> = {
  callout: "Note",
  caution: "Caution",
  prereq: "Prerequisites",
  discussion: "Discussion",
  checklist: "Checklist",
  testimonial: "Testimonial",
  spoiler: "More",
  tab: "",
  group: "",
};

/** Where the body is, for messages, and how to resolve `[text][ref]` links. */
export interface BodyContext {
  file: string;
  problems: ProblemList;
  definitions: Map<string, string>;
}

/** Separates a parsed lesson into learner Markdown, exercises and the objective/key point lists. */
export function renderLessonBody(nodes: DivNode[], context: BodyContext): LessonBody {
  const exercises: ExerciseSpec[] = [];
  const lists = new Map<string, string>();
  const keys = new Set<string>();
  const render = (children: DivNode[]): string[] =>
    children.flatMap((node): string[] => {
      if (node.kind === "line") return [node.text];
      if (LIST_DIVS.has(node.name)) {
        lists.set(node.name, ownText(node.children));
        return [];
      }
      if (EXERCISE_DIVS.has(node.name)) {
        const exercise = toExercise(node, exercises.length + 1, keys, context);
        if (exercise) exercises.push(exercise);
        return [];
      }
      if (DROPPED_DIVS.has(node.name)) return [];
      return ["", ...label(node), ...render(node.children), ""];
    });
  const markdown = cleanMarkdown(render(nodes).join("\n"), context.definitions);
  return { markdown, exercises, lists };
}

function label(div: Div): string[] {
  const first = div.children.find((node) => node.kind === "div" || node.text.trim() !== "");
  const startsWithHeading = first?.kind === "line" && /^#{1,6}\s/.test(first.text);
  const name = LABELS[div.name] ?? div.name.charAt(0).toUpperCase() + div.name.slice(1);
  return startsWithHeading || !name ? [] : [`**${name}**`, ""];
}

/** A challenge div becomes an exercise: its first heading is the title, solutions are joined. */
function toExercise(
  div: Div,
  position: number,
  keys: Set<string>,
  context: BodyContext,
): ExerciseSpec | null {
  const own = div.children.filter((node) => !(node.kind === "div" && SOLUTION_DIVS.has(node.name)));
  const lines = own.flatMap((node) => (node.kind === "line" ? [node.text] : renderNested(node)));
  const headingIndex = lines.findIndex((line) => /^#{1,6}\s/.test(line));
  const title = headingIndex >= 0 ? oneLine(lines[headingIndex]!.replace(/^#+\s*/, "")) : "";
  if (headingIndex >= 0) lines.splice(headingIndex, 1);
  const prompt = cleanMarkdown(lines.join("\n"), context.definitions);
  if (!prompt) {
    context.problems.add(
      context.file,
      div.line,
      "this exercise has no text; write the task below its heading",
    );
    return null;
  }
  const solutions = div.children.filter(
    (node): node is Div => node.kind === "div" && SOLUTION_DIVS.has(node.name),
  );
  const solution = solutions.map((s) => renderSolution(s, solutions.length > 1)).join("\n\n");
  const finalTitle = title || `Exercise ${position}`;
  return {
    key: uniqueKey(slugify(finalTitle) || `exercise-${position}`, keys),
    title: finalTitle,
    prompt,
    solution: cleanMarkdown(solution, context.definitions) || null,
  };
}

function renderNested(div: Div): string[] {
  if (DROPPED_DIVS.has(div.name)) return [];
  return [
    "",
    ...label(div),
    ...div.children.flatMap((n) => (n.kind === "line" ? [n.text] : renderNested(n))),
    "",
  ];
}

/** A lone "## Solution" heading says nothing; several solutions keep theirs as bold labels. */
function renderSolution(div: Div, keepHeading: boolean): string {
  const lines = div.children.flatMap((n) => (n.kind === "line" ? [n.text] : renderNested(n)));
  const headingIndex = lines.findIndex((line) => line.trim() !== "");
  const heading = headingIndex >= 0 ? /^#{1,6}\s+(.*)$/.exec(lines[headingIndex]!) : null;
  if (heading) {
    lines.splice(headingIndex, 1, ...(keepHeading ? [`**${heading[1]!.trim()}**`] : []));
  } else if (keepHeading) {
    lines.unshift(`**${div.name === "hint" ? "Hint" : "Solution"}**`);
  }
  return lines.join("\n").trim();
}
