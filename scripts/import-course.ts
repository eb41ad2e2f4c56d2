/**
 * `npm run import -- [--allow-removing-lessons] [--replace] <folder> [<folder>...]`: imports or
 * updates course packages in the database named by DATABASE_URL (migrated first), or lists
 * every problem and exits 1.
 */

import { ConfigError, loadConfig } from "../app/config.js";
import { importCourseFolders } from "../core/catalog/import-courses.js";
import { formatProblem } from "../core/catalog/problems.js";
import type { ImportOptions, ImportOutcome } from "../core/ports/course-import.js";
import { openDatabase } from "../prisma/database.js";
import { migrate } from "../prisma/migrate.js";
import { createCourseImportStore } from "../prisma/store/course-import.js";

function describe(outcome: ImportOutcome): string {
  const { lessons, parts, exercises, questions } = outcome.counts;
  const what = `${lessons} lessons, ${parts} parts, ${exercises} exercises, ${questions} questions`;
  const removed =
    outcome.removedLessons.length > 0
      ? `; removed lessons: ${outcome.removedLessons.join(", ")}`
      : "";
  return `${outcome.status.padEnd(9)} ${outcome.slug} "${outcome.title}" (${what})${removed}`;
}

const USAGE = `usage: npm run import -- [--allow-removing-lessons] [--replace] <course folder> [<course folder>...]
  --allow-removing-lessons  also remove lessons, quizzes, questions and exercises that the package
                            dropped although learners have progress, answers or results on them
  --replace                 the package is a different course taking over the slug: replace the
                            stored course and delete its learners' data on lessons it lacks`;

const FLAGS: Record<string, keyof ImportOptions> = {
  "--allow-removing-lessons": "allowRemovingLessons",
  "--replace": "replace",
};

/** Splits the arguments into flags and folders; a string names an unknown flag. */
function parseArgs(args: string[]): { options: ImportOptions; folders: string[] } | string {
  const options: ImportOptions = {};
  const folders: string[] = [];
  for (const arg of args) {
    const flag = FLAGS[arg];
    if (flag !== undefined) options[flag] = true;
    else if (arg.startsWith("-")) return `unknown option "${arg}"`;
    else folders.push(arg);
  }
  return { options, folders };
}

async function main(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === "string" || parsed.folders.length === 0) {
    if (typeof parsed === "string") console.error(parsed);
    console.error(USAGE);
    return 2;
  }
  const { options, folders } = parsed;
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 2;
  }
  await migrate(config.databaseUrl);
  const db = await openDatabase(config.databaseUrl);
  try {
    const report = await importCourseFolders(folders, createCourseImportStore(db), options);
    if (!report.ok) {
      console.error(`Nothing was imported; fix these ${report.problems.length} problem(s):`);
      for (const problem of report.problems) console.error(`  ${formatProblem(problem)}`);
      return 1;
    }
    for (const outcome of report.outcomes) console.log(describe(outcome));
    return 0;
  } finally {
    await db.$disconnect();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // A bad DATABASE_URL or an unreachable server: the message says what to fix, a stack would not.
  console.error(`Import failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
