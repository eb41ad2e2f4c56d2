import { createHash } from "node:crypto";
import type { CoursePackage, PackageFormat } from "./course-package.js";
import type { PackageFiles } from "./package-files.js";
import {
  isCarpentriesPackage,
  parseCarpentries,
  type UnhashedPackage,
} from "./parse-carpentries.js";
import { COURSE_FILE, isStudyHallPackage, parseStudyHall } from "./parse-studyhall.js";
import { type PackageProblem, ProblemList } from "./problems.js";

/** The outcome of parsing one package: the course, or every problem found in it. */
export type ParseResult =
  | { ok: true; course: CoursePackage }
  | { ok: false; problems: PackageProblem[] };

/** Which format a folder holds, judged from its files; null when neither. */
export function detectFormat(pkg: PackageFiles): PackageFormat | null {
  if (isStudyHallPackage(pkg)) return "studyhall";
  if (isCarpentriesPackage(pkg)) return "carpentries";
  return null;
}

/** Parses and validates a package of either format; nothing is written anywhere. */
export function parsePackage(pkg: PackageFiles): ParseResult {
  const problems = new ProblemList();
  const format = detectFormat(pkg);
  if (format === null) {
    problems.add(
      pkg.label,
      undefined,
      `not a course package: add ${COURSE_FILE} (StudyHall format, see docs/course-format.md) or a Carpentries config.yaml with episodes/`,
    );
    return { ok: false, problems: problems.items };
  }
  const parsed =
    format === "studyhall" ? parseStudyHall(pkg, problems) : parseCarpentries(pkg, problems);
  if (!problems.empty) return { ok: false, problems: sortProblems(problems.items) };
  return { ok: true, course: { ...parsed, contentHash: contentHash(parsed) } };
}

/** File by file, line by line: the order an author fixes them in. */
function sortProblems(problems: PackageProblem[]): PackageProblem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0),
  );
}

/** sha256 over the parsed course, so the same content always gives the same hash. */
export function contentHash(course: UnhashedPackage): string {
  return createHash("sha256").update(JSON.stringify(course)).digest("hex");
}
