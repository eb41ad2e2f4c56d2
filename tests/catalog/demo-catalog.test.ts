import path from "node:path";
import { describe, expect, it } from "vitest";
import { courseFoldersIn } from "../../core/catalog/import-courses.js";
import { readPackageFolder } from "../../core/catalog/package-files.js";
import { parsePackage } from "../../core/catalog/parse-package.js";
import { formatProblem } from "../../core/catalog/problems.js";

const folders = courseFoldersIn(path.resolve("courses"));

describe.each(folders.map((folder) => [path.basename(folder), folder]))(
  "the demo course %s",
  (_name, folder) => {
    const result = parsePackage(readPackageFolder(folder));
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join("\n"));
    const course = result.course;

    it("is an original StudyHall course under CC BY 4.0", () => {
      expect(course.format).toBe("studyhall");
      expect(course.attribution).toBe("Written by the StudyHall team.");
      expect(course.license).toBe("CC BY 4.0");
    });

    it("has at least four lessons, each with a quiz of 3 to 5 explained questions", () => {
      expect(course.lessons.length).toBeGreaterThanOrEqual(4);
      for (const lesson of course.lessons) {
        const questions = lesson.quiz?.questions ?? [];
        expect(questions.length, lesson.key).toBeGreaterThanOrEqual(3);
        expect(questions.length, lesson.key).toBeLessThanOrEqual(5);
        for (const question of questions) expect(question.explanation.length).toBeGreaterThan(20);
      }
    });

    it("uses every question type", () => {
      const types = new Set(course.lessons.flatMap((l) => l.quiz!.questions.map((q) => q.type)));
      expect([...types].sort()).toEqual(["multiple", "numeric", "short", "single", "truefalse"]);
    });

    it("has parts that fit one chat screen", () => {
      for (const part of course.lessons.flatMap((l) => l.parts)) {
        expect(part.length).toBeLessThanOrEqual(1500);
      }
    });
  },
);

it("the demo catalog holds the two original courses", () => {
  expect(folders.map((f) => path.basename(f))).toEqual(["python-basics", "sql-for-data-analysis"]);
});
