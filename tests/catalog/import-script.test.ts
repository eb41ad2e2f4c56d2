import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { newId } from "../../core/ids.js";
import { openDatabase } from "../../prisma/database.js";

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studyhall-import-script-"));
const env = { ...process.env, DATABASE_URL: `file:${path.join(dir, "studyhall.db")}` };

async function importFolders(...folders: string[]) {
  try {
    const { stdout, stderr } = await run(
      "node_modules/.bin/tsx",
      ["scripts/import-course.ts", ...folders],
      { env },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("npm run import", () => {
  it("prints what it created, then that nothing changed", async () => {
    const first = await importFolders("courses/python-basics");
    const second = await importFolders("courses/python-basics");

    expect(first.code).toBe(0);
    expect(first.stdout.trim()).toBe(
      'created   python-basics "Python Basics" (4 lessons, 12 parts, 3 exercises, 16 questions)',
    );
    expect(second.stdout).toMatch(/^unchanged python-basics/);
  });

  it("lists the problems and exits 1 for a malformed package", async () => {
    const broken = path.join(dir, "broken");
    fs.mkdirSync(path.join(broken, "lessons"), { recursive: true });
    fs.writeFileSync(
      path.join(broken, "course.yaml"),
      "title: Broken\nslug: broken\nsummary: x\nlevel: expert\ninstructor: Ada\n",
    );
    fs.writeFileSync(path.join(broken, "lessons", "01-a.md"), "---\ntitle: A\n---\n\nText.\n");

    const result = await importFolders(broken);

    expect(result.code).toBe(1);
    const label = path.relative(process.cwd(), broken);
    expect(result.stderr).toBe(
      `Nothing was imported; fix these 1 problem(s):\n  ${label}/course.yaml:4: level "expert" is unknown; use one of beginner, intermediate, advanced\n`,
    );
  });

  it("prints the usage and exits 2 for an unknown flag", async () => {
    const result = await importFolders("--force", "courses/python-basics");

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^unknown option "--force"\nusage: npm run import -- \[--allow-removing-lessons\] \[--replace\]/,
    );
  });

  it("refuses a different course reusing a studied slug unless --replace is given", async () => {
    const hijack = path.join(dir, "dup-slug");
    fs.cpSync("courses/sql-for-data-analysis", hijack, { recursive: true });
    const yaml = path.join(hijack, "course.yaml");
    const text = fs.readFileSync(yaml, "utf8");
    fs.writeFileSync(
      yaml,
      text
        .replace("slug: sql-for-data-analysis", "slug: python-basics")
        .replace("title: SQL for Data Analysis", "title: HIJACKED SQL"),
    );
    await importFolders("courses/python-basics");
    const db = await openDatabase(env.DATABASE_URL);
    try {
      const course = await db.course.findUniqueOrThrow({ where: { slug: "python-basics" } });
      const lesson = await db.lesson.findFirstOrThrow({
        where: { courseId: course.id, key: "values" },
      });
      const learnerId = newId();
      await db.learner.create({ data: { id: learnerId, displayName: "Maya" } });
      const enrollment = await db.enrollment.create({
        data: { id: newId(), learnerId, courseId: course.id },
      });
      await db.progress.create({
        data: { enrollmentId: enrollment.id, lessonId: lesson.id, partsSeen: 1, partsTotal: 3 },
      });

      const refused = await importFolders(hijack, "--allow-removing-lessons");
      expect(await db.progress.count()).toBe(1);
      const replaced = await importFolders("--replace", hijack);

      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("re-run with --replace. Nothing was imported");
      expect(refused.stderr).toContain("lesson values (1 learner has progress in it)");
      expect(replaced.code).toBe(0);
      expect(replaced.stdout).toMatch(/^updated {3}python-basics "HIJACKED SQL"/);
      expect(await db.progress.count()).toBe(0);
    } finally {
      await db.$disconnect();
    }
  });
});
