import fs from "node:fs";
import path from "node:path";
import type { Logger } from "../logger.js";
import type { CourseImportStore, ImportOptions, ImportOutcome } from "../ports/course-import.js";
import type { CoursePackage } from "./course-package.js";
import { importRefusal } from "./import-safety.js";
import { readPackageFolder } from "./package-files.js";
import { parsePackage } from "./parse-package.js";
import type { PackageProblem } from "./problems.js";

/** The result of an import run: what was written, or why nothing was. */
export type ImportReport =
  | { ok: true; outcomes: ImportOutcome[] }
  | { ok: false; problems: PackageProblem[] };

/**
 * Reads and validates every folder first; only when all of them are sound is anything
 * written, one transaction per course. A problem anywhere refuses the whole run, and so does
 * an update that would delete learners' data unless `options` explicitly allow it.
 */
export async function importCourseFolders(
  folders: string[],
  store: CourseImportStore,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const problems: PackageProblem[] = [];
  const courses: Array<{ course: CoursePackage; label: string }> = [];
  for (const folder of folders) {
    const label = path.relative(process.cwd(), path.resolve(folder)) || folder;
    if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
      problems.push({ file: label, message: "no such folder; give the path of a course folder" });
      continue;
    }
    const result = parsePackage(readPackageFolder(folder, label));
    if (result.ok) courses.push({ course: result.course, label });
    else problems.push(...result.problems);
  }
  problems.push(...duplicateSlugs(courses), ...(await slugsTakenByOtherFormats(courses, store)));
  if (problems.length > 0) return { ok: false, problems };
  problems.push(...(await learnerDataAtRisk(courses, store, options)));
  if (problems.length > 0) return { ok: false, problems };

  const outcomes: ImportOutcome[] = [];
  for (const { course } of courses) outcomes.push(await store.saveCourse(course, options));
  return { ok: true, outcomes };
}

/** Two folders claiming one slug would overwrite each other's course. */
function duplicateSlugs(
  courses: Array<{ course: CoursePackage; label: string }>,
): PackageProblem[] {
  const first = new Map<string, string>();
  const problems: PackageProblem[] = [];
  for (const { course, label } of courses) {
    const earlier = first.get(course.slug);
    if (earlier === undefined) {
      first.set(course.slug, label);
      continue;
    }
    problems.push({
      file: packageFile(course, label),
      message: `slug "${course.slug}" is already used by the course in ${earlier}; give this course another slug`,
    });
  }
  return problems;
}

/**
 * A stored course of another format under the same slug must come from a different folder:
 * importing would replace that course, so it is refused.
 */
async function slugsTakenByOtherFormats(
  courses: Array<{ course: CoursePackage; label: string }>,
  store: CourseImportStore,
): Promise<PackageProblem[]> {
  const problems: PackageProblem[] = [];
  for (const { course, label } of courses) {
    const stored = await store.formatOf(course.slug);
    if (stored === null || stored === course.format) continue;
    problems.push({
      file: packageFile(course, label),
      message: `slug "${course.slug}" already belongs to a course imported from a ${stored} package; give this course another slug`,
    });
  }
  return problems;
}

/** Updates that would cascade-delete learners' rows, or replace another course, without a flag. */
async function learnerDataAtRisk(
  courses: Array<{ course: CoursePackage; label: string }>,
  store: CourseImportStore,
  options: ImportOptions,
): Promise<PackageProblem[]> {
  const problems: PackageProblem[] = [];
  for (const { course, label } of courses) {
    const refusal = importRefusal(course, await store.impactOf(course), options);
    if (refusal !== null) problems.push({ file: packageFile(course, label), message: refusal });
  }
  return problems;
}

function packageFile(course: CoursePackage, label: string): string {
  return course.format === "studyhall" ? `${label}/course.yaml` : `${label}/config.yaml`;
}

/** Every sub-folder of `dir` that holds a course package of a known format. */
export function courseFoldersIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."))
    .map((entry) => path.join(dir, entry.name))
    .sort();
}

/**
 * Imports the demo catalog in `dir` when the database has no course yet, so that a fresh
 * install has something to study. Returns what was imported (nothing when courses exist).
 */
export async function seedDemoCatalog(
  store: CourseImportStore,
  dir: string,
  logger: Logger,
): Promise<ImportOutcome[]> {
  if ((await store.countCourses()) > 0) return [];
  const report = await importCourseFolders(courseFoldersIn(dir), store);
  if (!report.ok) {
    logger.error({ problems: report.problems }, "the demo catalog has problems; nothing imported");
    return [];
  }
  logger.info({ courses: report.outcomes.map((o) => o.slug) }, "demo catalog imported");
  return report.outcomes;
}
