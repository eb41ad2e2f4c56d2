/**
 * `npm run import -- <folder> [<folder>...]`: imports or updates course packages in the
 * database named by DATABASE_URL (migrated first), or lists every problem and exits 1.
 */

import { ConfigError, loadConfig } from "../app/config.js";
import { importCourseFolders } from "../core/catalog/import-courses.js";
import { formatProblem } from "../core/catalog/problems.js";
import type { ImportOutcome } from "../core/ports/course-import.js";
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

async function main(folders: string[]): Promise<number> {
  if (folders.length === 0) {
    console.error("usage: npm run import -- <course folder> [<course folder>...]");
    return 2;
  }
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
    const report = await importCourseFolders(folders, createCourseImportStore(db));
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
