import { linkDefinitions } from "./clean-markdown.js";
import {
  type InstructorIdentity,
  LEVELS,
  type LessonSpec,
  type Level,
  type QuizSpec,
} from "./course-package.js";
import { parseFencedDivs } from "./fenced-divs.js";
import { renderLessonBody } from "./lesson-body.js";
import type { PackageFiles } from "./package-files.js";
import type { UnhashedPackage } from "./parse-carpentries.js";
import { checkPercent, parseQuiz } from "./parse-quiz.js";
import type { ProblemList } from "./problems.js";
import { splitLessonParts } from "./split-parts.js";
import { KEY_PATTERN, keyFromFileName, reportDuplicateKeys } from "./text-helpers.js";
import { parseYaml, splitFrontMatter, type YamlSource } from "./yaml-source.js";

/** The course file of a StudyHall package. */
export const COURSE_FILE = "course.yaml";

const COURSE_FIELDS = [
  "title",
  "slug",
  "summary",
  "description",
  "level",
  "topics",
  "language",
  "instructor",
  "estimated_minutes",
  "completion",
  "attribution",
  "license",
  "source",
  "lessons",
];
const LESSON_FIELDS = ["title", "key", "minutes", "objectives", "key_points", "discussion"];
const PLATFORMS = ["telegram", "discord", "slack", "web"] as const;
const QUIZ_FENCE = /^(`{3,}|~{3,})\s*quiz\s*$/;

type Fields = Record<string, unknown>;

/** True when `pkg` has a course.yaml. */
export function isStudyHallPackage(pkg: PackageFiles): boolean {
  return pkg.files.has(COURSE_FILE);
}

/** Reads a StudyHall package (see docs/course-format.md). */
export function parseStudyHall(pkg: PackageFiles, problems: ProblemList): UnhashedPackage {
  const file = `${pkg.label}/${COURSE_FILE}`;
  const yaml = parseYaml(pkg.files.get(COURSE_FILE)!, file, problems);
  const fields: Fields = isFields(yaml.value) ? yaml.value : {};
  if (yaml.value !== undefined && !isFields(yaml.value)) {
    problems.add(file, 1, "course.yaml must be a mapping of fields such as title: and slug:");
  }
  for (const key of Object.keys(fields)) {
    if (!COURSE_FIELDS.includes(key)) {
      problems.add(
        file,
        yaml.lineOf([key]),
        `unknown field "${key}"; known fields: ${COURSE_FIELDS.join(", ")}`,
      );
    }
  }
  const text = (name: string, required: boolean) =>
    textField(fields, name, required, file, yaml, problems);
  const completion = completionOf(fields.completion, file, yaml, problems);
  const names = lessonFiles(pkg, fields, file, yaml, problems).map(({ name }) => name);
  const parsed = names.map((name) => parseLesson(pkg, name, completion.quizPassPercent, problems));
  const lessons = parsed.map((entry) => entry.lesson);
  reportDuplicateKeys(
    parsed.map(({ lesson, keyLine }, i) => ({
      key: lesson.key,
      file: `${pkg.label}/${names[i]}`,
      line: keyLine,
    })),
    "lesson",
    (f, line, message) => problems.add(f, line, message),
  );
  reportStrayQuizzes(pkg, names, problems);
  const instructor = instructorOf(fields.instructor, file, yaml, problems);
  const minutes = fields.estimated_minutes;
  if (minutes !== undefined && !(Number.isInteger(minutes) && (minutes as number) > 0)) {
    problems.add(
      file,
      yaml.lineOf(["estimated_minutes"]),
      "estimated_minutes must be a whole number of minutes above 0",
    );
  }
  return {
    format: "studyhall",
    slug: slugOf(fields, file, yaml, problems),
    title: text("title", true),
    summary: text("summary", true),
    description: text("description", false),
    level: levelOf(fields.level, file, yaml, problems),
    topics: stringList(fields.topics, "topics", file, yaml, problems),
    language: text("language", false) || "en",
    instructorName: instructor.name,
    instructorIdentities: instructor.identities,
    estimatedMinutes:
      Number.isInteger(minutes) && (minutes as number) > 0
        ? (minutes as number)
        : lessons.reduce((sum, lesson) => sum + lesson.estimatedMinutes, 0),
    completionRule: completion,
    attribution: text("attribution", false) || null,
    license: text("license", false) || null,
    sourceUrl: text("source", false) || null,
    lessons,
  };
}

function textField(
  fields: Fields,
  name: string,
  required: boolean,
  file: string,
  yaml: YamlSource,
  problems: ProblemList,
): string {
  const value = fields[name];
  if (value === undefined || value === null || value === "") {
    if (required) problems.add(file, 1, `course.yaml has no ${name}; add ${name}: ...`);
    return "";
  }
  if (typeof value !== "string" && typeof value !== "number") {
    problems.add(file, yaml.lineOf([name]), `${name} must be text`);
    return "";
  }
  return String(value).trim();
}

function slugOf(fields: Fields, file: string, yaml: YamlSource, problems: ProblemList): string {
  const slug = String(fields.slug ?? "");
  if (!slug) problems.add(file, 1, "course.yaml has no slug; add slug: a-short-name-like-this");
  else if (!KEY_PATTERN.test(slug)) {
    problems.add(
      file,
      yaml.lineOf(["slug"]),
      `slug "${slug}" must be lowercase letters, digits and dashes (e.g. sql-basics)`,
    );
  }
  return slug;
}

function levelOf(value: unknown, file: string, yaml: YamlSource, problems: ProblemList): Level {
  if (LEVELS.includes(value as Level)) return value as Level;
  problems.add(
    file,
    value === undefined ? 1 : yaml.lineOf(["level"]),
    `level ${value === undefined ? "is missing" : `"${String(value)}" is unknown`}; use one of ${LEVELS.join(", ")}`,
  );
  return "beginner";
}

function stringList(
  value: unknown,
  name: string,
  file: string,
  yaml: YamlSource,
  problems: ProblemList,
): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number")) {
    return value.map((v) => String(v).trim()).filter(Boolean);
  }
  problems.add(file, yaml.lineOf([name]), `${name} must be a list such as [sql, data analysis]`);
  return [];
}

function completionOf(value: unknown, file: string, yaml: YamlSource, problems: ProblemList) {
  const fields: Fields = isFields(value) ? value : {};
  const pass = fields.quiz_pass_percent;
  const quizPassPercent =
    pass === undefined
      ? 70
      : checkPercent(pass, file, yaml.lineOf(["completion", "quiz_pass_percent"]), problems);
  if (fields.lessons !== undefined && fields.lessons !== "all") {
    problems.add(file, yaml.lineOf(["completion", "lessons"]), 'completion lessons must be "all"');
  }
  return { lessons: "all" as const, quizPassPercent, finalExam: false };
}

function instructorOf(value: unknown, file: string, yaml: YamlSource, problems: ProblemList) {
  if (typeof value === "string" && value.trim()) return { name: value.trim(), identities: [] };
  const fields: Fields = isFields(value) ? value : {};
  const name = typeof fields.name === "string" ? fields.name.trim() : "";
  if (!name)
    problems.add(
      file,
      yaml.lineOf(["instructor"]),
      "instructor needs a name: instructor: { name: Ada Lovelace }",
    );
  const identities: InstructorIdentity[] = [];
  for (const [key, id] of Object.entries(fields)) {
    if (key === "name") continue;
    if (!(PLATFORMS as readonly string[]).includes(key)) {
      problems.add(
        file,
        yaml.lineOf(["instructor", key]),
        `unknown instructor field "${key}"; use name, ${PLATFORMS.join(", ")}`,
      );
    } else if ((typeof id === "string" || typeof id === "number") && String(id).trim()) {
      identities.push({
        platform: key as InstructorIdentity["platform"],
        externalId: String(id).trim(),
      });
    } else {
      problems.add(
        file,
        yaml.lineOf(["instructor", key]),
        `${key} must be the person's ${key} user id in quotes`,
      );
    }
  }
  return { name, identities };
}

function lessonFiles(
  pkg: PackageFiles,
  fields: Fields,
  file: string,
  yaml: YamlSource,
  problems: ProblemList,
) {
  const available = [...pkg.files.keys()].filter((f) => /^lessons\/[^/]+\.md$/.test(f)).sort();
  if (fields.lessons === undefined) {
    if (available.length === 0)
      problems.add(file, 1, "no lessons: add Markdown files under lessons/");
    return available.map((name) => ({ name }));
  }
  const listed = Array.isArray(fields.lessons) ? fields.lessons.map(String) : [];
  if (listed.length === 0)
    problems.add(file, yaml.lineOf(["lessons"]), "lessons must list the lesson files in order");
  return listed.flatMap((entry, index) => {
    const name = entry.startsWith("lessons/") ? entry : `lessons/${entry}`;
    if (pkg.files.has(name)) return [{ name }];
    problems.add(
      file,
      yaml.lineOf(["lessons", index]),
      `lesson file ${name} is listed but does not exist; create it or remove this line (found: ${available.join(", ") || "none"})`,
    );
    return [];
  });
}

function parseLesson(
  pkg: PackageFiles,
  name: string,
  passPercent: number,
  problems: ProblemList,
): { lesson: LessonSpec; keyLine: number } {
  const file = `${pkg.label}/${name}`;
  const { yaml, body, bodyLine } = splitFrontMatter(pkg.files.get(name)!, file, problems);
  const meta: Fields = yaml && isFields(yaml.value) ? yaml.value : {};
  if (!yaml)
    problems.add(
      file,
      1,
      'the lesson has no front matter; start the file with ---, title: "...", ---',
    );
  for (const key of Object.keys(meta)) {
    if (!LESSON_FIELDS.includes(key)) {
      problems.add(
        file,
        yaml!.lineOf([key]),
        `unknown front matter field "${key}"; known: ${LESSON_FIELDS.join(", ")}`,
      );
    }
  }
  const title = typeof meta.title === "string" ? meta.title.trim() : "";
  if (yaml && yaml.value !== undefined && !title)
    problems.add(file, 1, 'the lesson has no title; add title: "..." to its front matter');
  const key = meta.key === undefined ? keyFromFileName(name) : String(meta.key);
  if (!KEY_PATTERN.test(key)) {
    problems.add(
      file,
      yaml?.lineOf(["key"]) ?? 1,
      `lesson key "${key}" must be lowercase letters, digits, "-" or "_"`,
    );
  }
  const { markdown, quiz } = takeQuiz(pkg, name, body, bodyLine, key, passPercent, problems);
  const nodes = parseFencedDivs(markdown, file, problems, bodyLine);
  const rendered = renderLessonBody(nodes, {
    file,
    problems,
    definitions: linkDefinitions(markdown),
  });
  const parts = splitLessonParts(rendered.markdown);
  if (parts.length === 0)
    problems.add(file, bodyLine, "the lesson is empty; write its text below the front matter");
  const list = (field: string) => stringList(meta[field], field, file, yaml!, problems);
  const minutes = meta.minutes;
  if (minutes !== undefined && !(Number.isInteger(minutes) && (minutes as number) > 0)) {
    problems.add(file, yaml!.lineOf(["minutes"]), "minutes must be a whole number above 0");
  }
  const lesson: LessonSpec = {
    key,
    title,
    objectives: list("objectives"),
    keyPoints: list("key_points"),
    estimatedMinutes:
      Number.isInteger(minutes) && (minutes as number) > 0
        ? (minutes as number)
        : estimateMinutes(markdown),
    discussionPrompt: typeof meta.discussion === "string" ? meta.discussion.trim() : null,
    parts,
    exercises: rendered.exercises,
    quiz,
  };
  return { lesson, keyLine: yaml?.lineOf(meta.key === undefined ? [] : ["key"]) ?? 1 };
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
function reportStrayQuizzes(pkg: PackageFiles, lessonNames: string[], problems: ProblemList): void {
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

function isFields(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
