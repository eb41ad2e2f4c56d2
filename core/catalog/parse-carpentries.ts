import { linkDefinitions } from "./clean-markdown.js";
import type { CoursePackage, LessonSpec } from "./course-package.js";
import { bulletItems, parseFencedDivs } from "./fenced-divs.js";
import { renderLessonBody } from "./lesson-body.js";
import type { PackageFiles } from "./package-files.js";
import type { ProblemList } from "./problems.js";
import { splitLessonParts } from "./split-parts.js";
import { keyFromFileName, oneLine, reportDuplicateKeys, slugify } from "./text-helpers.js";
import { parseYaml, splitFrontMatter } from "./yaml-source.js";

/** A course package without its content hash (computed over the finished package). */
export type UnhashedPackage = Omit<CoursePackage, "contentHash">;

const CARPENTRIES: Record<string, string> = {
  swc: "Software Carpentry",
  dc: "Data Carpentry",
  lc: "Library Carpentry",
  cp: "The Carpentries",
  incubator: "The Carpentries Incubator",
};
const GENERIC_KEYWORDS = new Set(["lesson", "the carpentries", "carpentries", "episode"]);
const LANGUAGES_IN_TITLES = [
  "python",
  "r",
  "sql",
  "git",
  "shell",
  "bash",
  "julia",
  "matlab",
  "unix",
];

/** True when `pkg` looks like a Carpentries Workbench lesson (config.yaml plus episodes/). */
export function isCarpentriesPackage(pkg: PackageFiles): boolean {
  return (
    pkg.files.has("config.yaml") && [...pkg.files.keys()].some((f) => f.startsWith("episodes/"))
  );
}

/**
 * Reads a Carpentries Workbench lesson: config.yaml for the episode order and metadata, each
 * episode's front matter and fenced blocks, LICENSE.md and SOURCE.md for the attribution.
 */
export function parseCarpentries(pkg: PackageFiles, problems: ProblemList): UnhashedPackage {
  const configFile = `${pkg.label}/config.yaml`;
  const config = parseYaml(pkg.files.get("config.yaml") ?? "", configFile, problems);
  const fields = (config.value ?? {}) as Record<string, unknown>;
  const title = typeof fields.title === "string" ? fields.title.trim() : "";
  if (!title)
    problems.add(
      configFile,
      config.lineOf(["title"]),
      "config.yaml has no title; add title: '...'",
    );

  const episodes = episodeNames(pkg, fields, configFile, config.lineOf, problems);
  const lessons = episodes.flatMap(({ name, line }) => {
    const text = pkg.files.get(`episodes/${name}`);
    if (text === undefined) {
      problems.add(
        configFile,
        line,
        `episode "${name}" is listed but episodes/${name} does not exist; add the file or remove it from episodes`,
      );
      return [];
    }
    return [parseEpisode(name, text, `${pkg.label}/episodes/${name}`, problems)];
  });

  reportDuplicateKeys(
    episodes.map(({ name, line }) => ({ key: keyFromFileName(name), file: configFile, line })),
    "episode",
    (f, line, message) => problems.add(f, line, message),
  );
  const carpentry = CARPENTRIES[String(fields.carpentry ?? "")] ?? "The Carpentries";
  const lessonList = lessons.map((lesson) => lesson.title).join(", ");
  return {
    format: "carpentries",
    slug: slugify(pkg.name),
    title,
    summary: `${title}: a ${carpentry} lesson in ${lessons.length} episodes.`,
    description: `${title}, adapted from ${carpentry} lesson material. Episodes: ${lessonList}.`,
    level: "beginner",
    topics: topicsOf(title, fields.keywords),
    language: typeof fields.lang === "string" && fields.lang ? fields.lang : "en",
    instructorName: "The Carpentries",
    instructorIdentities: [],
    estimatedMinutes: lessons.reduce((sum, lesson) => sum + lesson.estimatedMinutes, 0),
    completionRule: { lessons: "all", quizPassPercent: 70, finalExam: false },
    attribution: attributionOf(pkg, title, carpentry, fields),
    license: licenseOf(pkg, fields),
    sourceUrl: stringField(fields.source) ?? stringField(fields.url),
    lessons,
  };
}

function episodeNames(
  pkg: PackageFiles,
  fields: Record<string, unknown>,
  file: string,
  lineOf: (path: Array<string | number>) => number,
  problems: ProblemList,
): Array<{ name: string; line: number }> {
  if (Array.isArray(fields.episodes) && fields.episodes.length > 0) {
    return fields.episodes.map((name, index) => ({
      name: String(name),
      line: lineOf(["episodes", index]),
    }));
  }
  const found = [...pkg.files.keys()]
    .filter((f) => /^episodes\/[^/]+\.md$/.test(f))
    .sort()
    .map((f) => ({ name: f.slice("episodes/".length), line: 1 }));
  if (found.length === 0)
    problems.add(file, 1, "no episodes: list them under episodes: in config.yaml");
  return found;
}

function parseEpisode(name: string, text: string, file: string, problems: ProblemList): LessonSpec {
  const { yaml, body, bodyLine } = splitFrontMatter(text, file, problems);
  const meta = (yaml?.value ?? {}) as Record<string, unknown>;
  const title = typeof meta.title === "string" ? meta.title.trim() : "";
  if (!title && (yaml === null || yaml.value !== undefined))
    problems.add(
      file,
      yaml ? yaml.lineOf(["title"]) : 1,
      'the episode has no title; add title: "..." to its front matter',
    );
  const nodes = parseFencedDivs(body, file, problems, bodyLine);
  const rendered = renderLessonBody(nodes, { file, problems, definitions: linkDefinitions(body) });
  const parts = splitLessonParts(rendered.markdown);
  if (parts.length === 0)
    problems.add(
      file,
      bodyLine,
      "the episode has no text for learners; write the lesson below the front matter",
    );
  const minutes = Number(meta.teaching ?? 0) + Number(meta.exercises ?? 0);
  const questions = bulletItems(rendered.lists.get("questions") ?? "");
  return {
    key: keyFromFileName(name),
    title,
    objectives: bulletItems(rendered.lists.get("objectives") ?? ""),
    keyPoints: bulletItems(rendered.lists.get("keypoints") ?? ""),
    estimatedMinutes: Number.isFinite(minutes) && minutes > 0 ? minutes : 10,
    discussionPrompt: questions.length > 0 ? questions.join("\n") : null,
    parts,
    exercises: rendered.exercises,
    quiz: null,
  };
}

function topicsOf(title: string, keywords: unknown): string[] {
  const words = title.toLowerCase().split(/[^a-z]+/);
  const fromTitle = LANGUAGES_IN_TITLES.filter((language) => words.includes(language));
  const fromKeywords = String(keywords ?? "")
    .split(",")
    .map((k) => k.trim().toLowerCase())
    .filter((k) => k && !GENERIC_KEYWORDS.has(k));
  return [...new Set([...fromTitle, ...fromKeywords])];
}

function attributionOf(
  pkg: PackageFiles,
  title: string,
  carpentry: string,
  fields: Record<string, unknown>,
): string {
  const source = pkg.files.get("SOURCE.md");
  if (source) return oneLine(source.replace(/^#.*$/m, ""));
  const where = stringField(fields.source) ?? "https://carpentries.org/";
  return `"${title}" by The Carpentries (${carpentry}), ${where}. Copyright (c) The Carpentries.`;
}

function licenseOf(pkg: PackageFiles, fields: Record<string, unknown>): string | null {
  const declared = stringField(fields.license);
  if (declared) return declared.replace(/^CC-BY/i, "CC BY");
  const text = pkg.files.get("LICENSE.md") ?? "";
  if (/CC BY 4\.0|Creative Commons Attribution/i.test(text)) return "CC BY 4.0";
  return null;
}

function stringField(value: unknown): string | null {
  return typeof value === "string" && value.trim() ? value.trim() : null;
}
