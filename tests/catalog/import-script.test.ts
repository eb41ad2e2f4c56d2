import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

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
});
