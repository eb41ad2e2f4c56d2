import path from "node:path";
import { describe, expect, it } from "vitest";
import type { CoursePackage } from "../../core/catalog/course-package.js";
import { readPackageFolder } from "../../core/catalog/package-files.js";
import { detectFormat, parsePackage } from "../../core/catalog/parse-package.js";

const FOLDER = path.resolve("../shared/data/courses/python-novice-inflammation");

function parseInflammation(): CoursePackage {
  const result = parsePackage(readPackageFolder(FOLDER, "python-novice-inflammation"));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.course;
}

describe("the Carpentries lesson python-novice-inflammation", () => {
  const course = parseInflammation();
  const lesson = (key: string) => course.lessons.find((l) => l.key === key)!;

  it("is recognised as the Carpentries format", () => {
    expect(detectFormat(readPackageFolder(FOLDER))).toBe("carpentries");
  });

  it("derives the course metadata from config.yaml", () => {
    expect(course.slug).toBe("python-novice-inflammation");
    expect(course.title).toBe("Programming with Python");
    expect(course.level).toBe("beginner");
    expect(course.language).toBe("en");
    expect(course.topics).toEqual(["python", "software", "data"]);
    expect(course.instructorName).toBe("The Carpentries");
    expect(course.estimatedMinutes).toBe(30 + 45 + 30 + 30 + 30);
  });

  it("carries the attribution, licence and source", () => {
    expect(course.attribution).toContain('"Programming with Python" by The Carpentries');
    expect(course.attribution).toContain("Only five of the twelve episodes are included");
    expect(course.license).toBe("CC BY 4.0");
    expect(course.sourceUrl).toBe("https://github.com/swcarpentry/python-novice-inflammation");
  });

  it("keeps the episode order and titles", () => {
    expect(course.lessons.map((l) => [l.key, l.title])).toEqual([
      ["intro", "Python Fundamentals"],
      ["lists", "Storing Multiple Values in Lists"],
      ["loop", "Repeating Actions with Loops"],
      ["cond", "Making Choices"],
      ["func", "Creating Functions"],
    ]);
  });

  it("reads objectives, key points and the questions as the discussion prompt", () => {
    expect(lesson("intro").objectives).toEqual(["Assign values to variables."]);
    expect(lesson("cond").objectives).toEqual([
      "Write conditional statements including `if`, `elif`, and `else` branches.",
      "Correctly evaluate expressions containing `and` and `or`.",
    ]);
    expect(lesson("intro").keyPoints).toHaveLength(8);
    expect(lesson("intro").keyPoints[0]).toBe(
      "Basic data types in Python include integers, strings, and floating-point numbers.",
    );
    expect(lesson("cond").discussionPrompt).toContain("How can my programs do different things");
  });

  it("turns every challenge into an exercise with its solution", () => {
    expect(course.lessons.map((l) => l.exercises.length)).toEqual([3, 3, 5, 7, 9]);
    const sorting = lesson("intro").exercises[1]!;
    expect(sorting.key).toBe("sorting-out-references");
    expect(sorting.title).toBe("Sorting Out References");
    expect(sorting.prompt).toContain("third, fourth = second, first");
    expect(sorting.solution).toBe("```output\nHopper Grace\n```");
  });

  it("keeps challenges without a solution and joins several solutions under their headings", () => {
    const truth = lesson("cond").exercises.find((e) => e.key === "what-is-truth")!;
    expect(truth.solution).toBeNull();
    const close = lesson("cond").exercises.find((e) => e.key === "close-enough")!;
    expect(close.solution).toContain("**Hint**");
    expect(close.solution).toContain("**Solution 2**");
    expect(close.solution).toContain(
      "[built-in function `abs`](https://docs.python.org/3/library/functions.html#abs)",
    );
  });

  it("leaves instructor notes and exercises out of the learner's parts", () => {
    const text = course.lessons.flatMap((l) => l.parts).join("\n");
    expect(text).not.toContain("Choose how to teach this section");
    expect(text).not.toContain(":::");
    expect(text).not.toContain("Hopper Grace");
    expect(text).toContain("It is increasingly common for people to use _generative AI_");
  });

  it("renders images as their alt text and relative links as plain text", () => {
    const text = lesson("intro").parts.join("\n");
    expect(text).toContain("[Figure: Value of 65.0 with weight_kg label stuck on it]");
    expect(text).not.toContain("fig/python-sticky-note");
    expect(text).toContain("we can assign a value to a variable, using the equals sign");
  });

  it("splits each episode into parts of at most one screen, code kept whole", () => {
    for (const part of course.lessons.flatMap((l) => l.parts)) {
      expect(part.length).toBeLessThanOrEqual(1500);
      expect((part.match(/```/g) ?? []).length % 2).toBe(0);
    }
    expect(lesson("intro").parts[0]).toMatch(/^## Variables\n/);
  });
});
