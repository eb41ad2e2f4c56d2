import { type InstructorIdentity, LEVELS, type Level } from "./course-package.js";
import type { PackageFiles } from "./package-files.js";
import type { UnhashedPackage } from "./parse-carpentries.js";
import { parseLesson, reportStrayQuizzes } from "./parse-lesson-file.js";
import { checkPercent } from "./parse-quiz.js";
import type { ProblemList } from "./problems.js";
import { KEY_PATTERN, reportDuplicateKeys } from "./text-helpers.js";
import { type Fields, isFields, stringList } from "./yaml-fields.js";
import { parseYaml, type YamlSource } from "./yaml-source.js";

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
const PLATFORMS = ["telegram", "discord", "slack", "web"] as const;

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
