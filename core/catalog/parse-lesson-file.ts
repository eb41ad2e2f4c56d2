import { linkDefinitions } from "./clean-markdown.js";
import type { LessonSpec, QuizSpec } from "./course-package.js";
import { parseFencedDivs } from "./fenced-divs.js";
import { renderLessonBody } from "./lesson-body.js";
import type { PackageFiles } from "./package-files.js";
import { parseQuiz } from "./parse-quiz.js";
import type { ProblemList } from "./problems.js";
import { splitLessonParts } from "./split-parts.js";
import { KEY_PATTERN, keyFromFileName } from "./text-helpers.js";
import { type Fields, isFields, stringList } from "./yaml-fields.js";
import { parseYaml, splitFrontMatter, type YamlSource } from "./yaml-source.js";

const LESSON_FIELDS = ["title", "key", "minutes", "objectives", "key_points", "discussion"];
const QUIZ_FENCE = /^(`{3,}|~{3,})\s*quiz\s*$/;

/** Reads one lesson file of a StudyHall package; `keyLine` is where its key was set. */
export function parseLesson(
  pkg: PackageFiles,
  name: string,
  passPercent: number,
  problems: ProblemList,
): { lesson: LessonSpec; keyLine: number } {
  const file = `${pkg.label}/${name}`;
  const { yaml, body, bodyLine } = splitFrontMatter(pkg.files.get(name)!, file, problems);
  if (!yaml) {
    problems.add(
      file,
      1,
      'the lesson has no front matter; start the file with ---, title: "...", ---',
    );
  }
  const meta = readLessonMeta(yaml, name, file, problems);

  const { markdown, quiz } = takeQuiz(pkg, name, body, bodyLine, meta.key, passPercent, problems);
  const nodes = parseFencedDivs(markdown, file, problems, bodyLine);
  const definitions = linkDefinitions(markdown);
  const rendered = renderLessonBody(nodes, { file, problems, definitions });
  const parts = splitLessonParts(rendered.markdown);
  if (parts.length === 0) {
    problems.add(file, bodyLine, "the lesson is empty; write its text below the front matter");
  }

  const { keyLine, minutes, ...fields } = meta;
  const estimatedMinutes = minutes ?? estimateMinutes(markdown);
  const lesson = { ...fields, estimatedMinutes, parts, exercises: rendered.exercises, quiz };
  return { lesson, keyLine };
}

type LessonMeta = Pick<
  LessonSpec,
  "key" | "title" | "objectives" | "keyPoints" | "discussionPrompt"
> & {
  minutes: number | null;
  keyLine: number;
};

/** The front matter fields of a lesson, each checked; problems go to `problems`. */
function readLessonMeta(
  yaml: YamlSource | null,
  name: string,
  file: string,
  problems: ProblemList,
): LessonMeta {
  const meta: Fields = yaml && isFields(yaml.value) ? yaml.value : {};
  const lineOf = (field: string) => yaml?.lineOf([field]) ?? 1;
  for (const field of Object.keys(meta)) {
    if (!LESSON_FIELDS.includes(field)) {
      problems.add(
        file,
        lineOf(field),
        `unknown front matter field "${field}"; known: ${LESSON_FIELDS.join(", ")}`,
      );
    }
  }
  const title = typeof meta.title === "string" ? meta.title.trim() : "";
  if (yaml && yaml.value !== undefined && !title) {
    problems.add(file, 1, 'the lesson has no title; add title: "..." to its front matter');
  }
  const key = meta.key === undefined ? keyFromFileName(name) : String(meta.key);
  if (!KEY_PATTERN.test(key)) {
    problems.add(
      file,
      lineOf("key"),
      `lesson key "${key}" must be lowercase letters, digits, "-" or "_"`,
    );
  }
  const minutes = meta.minutes;
  const validMinutes = Number.isInteger(minutes) && (minutes as number) > 0;
  if (minutes !== undefined && !validMinutes) {
    problems.add(file, lineOf("minutes"), "minutes must be a whole number above 0");
  }
  const list = (field: string) =>
    yaml ? stringList(meta[field], field, file, yaml, problems) : [];
  return {
    key,
    title,
    objectives: list("objectives"),
    keyPoints: list("key_points"),
    discussionPrompt: typeof meta.discussion === "string" ? meta.discussion.trim() : null,
    minutes: validMinutes ? (minutes as number) : null,
    keyLine: meta.key === undefined ? (yaml?.lineOf([]) ?? 1) : lineOf("key"),
  };
}

/** Takes the ```quiz block out of the body, or reads `<lesson>.quiz.yaml` beside the lesson. */
function takeQuiz(
  pkg: PackageFiles,
  name: string,
  body: string,
  bodyLine: number,
  quizKey: string,
  defaultPassPercent: number,
  problems: ProblemList,
): { markdown: string; quiz: QuizSpec | null } {
  const file = `${pkg.label}/${name}`;
  const lines = body.split("\n");
  const start = lines.findIndex((line) => QUIZ_FENCE.test(line));
  const besideName = name.replace(/\.md$/, ".quiz.yaml");
  const beside = pkg.files.get(besideName) ?? pkg.files.get(name.replace(/\.md$/, ".quiz.yml"));
  if (start >= 0) {
    const marker = QUIZ_FENCE.exec(lines[start]!)![1]!;
    let end = lines.findIndex((line, index) => index > start && line.trim() === marker);
    if (end < 0) {
      problems.add(
        file,
        bodyLine + start,
        `the quiz block is never closed; add a line with only ${marker}`,
      );
      end = lines.length;
    }
    if (beside !== undefined) {
      problems.add(
        `${pkg.label}/${besideName}`,
        1,
        `${name} already has a quiz block; keep only one of the two`,
      );
    }
    const yaml = parseYaml(
      lines.slice(start + 1, end).join("\n"),
      file,
      problems,
      bodyLine + start + 1,
    );
    const quiz = parseQuiz({ file, yaml, quizKey, defaultPassPercent }, problems);
    return { markdown: [...lines.slice(0, start), ...lines.slice(end + 1)].join("\n"), quiz };
  }
  if (beside === undefined) return { markdown: body, quiz: null };
  const quizFile = `${pkg.label}/${besideName}`;
  const yaml = parseYaml(beside, quizFile, problems);
  return {
    markdown: body,
    quiz: parseQuiz({ file: quizFile, yaml, quizKey, defaultPassPercent }, problems),
  };
}

/** A quiz file whose lesson is not part of the course would silently be ignored: say so. */
export function reportStrayQuizzes(
  pkg: PackageFiles,
  lessonNames: string[],
  problems: ProblemList,
): void {
  for (const name of pkg.files.keys()) {
    const lesson = name.replace(/\.quiz\.ya?ml$/, ".md");
    if (lesson !== name && !lessonNames.includes(lesson)) {
      problems.add(
        `${pkg.label}/${name}`,
        1,
        `no lesson ${lesson} in the course for this quiz; rename it after its lesson`,
      );
    }
  }
}

function estimateMinutes(markdown: string): number {
  // About 200 words a minute of reading, plus time to try the code.
  return Math.max(3, Math.round(markdown.split(/\s+/).length / 200) + 2);
}
