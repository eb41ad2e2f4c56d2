import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCertificateSigner } from "../../app/certificate-key.js";
import {
  canonicalCertificateJson,
  verifyCertificate,
} from "../../core/learning/certificate-signature.js";
import { describeCorrect, gradeAnswer } from "../../core/learning/grade-answer.js";
import { nextReview } from "../../core/learning/leitner.js";
import { closestCourses, matchCourses } from "../../core/learning/match-courses.js";
import { advanceStreak, currentStreak, localDate } from "../../core/learning/streak.js";
import type { CourseListing, QuestionContent } from "../../core/ports/catalog.js";
import { editDistance } from "../../core/text/edit-distance.js";

function question(fields: Partial<QuestionContent>): QuestionContent {
  return {
    id: "q",
    key: "q",
    type: "single",
    prompt: "?",
    options: [],
    correct: [],
    tolerance: null,
    explanation: "",
    ...fields,
  };
}

describe("grading answers", () => {
  const numeric = question({ type: "numeric", correct: 3.14, tolerance: 0.01 });
  const short = question({ type: "short", correct: ["GROUP BY", "group by clause"] });
  const multiple = question({ type: "multiple", options: ["a", "b", "c"], correct: [0, 2] });

  it("accepts numbers within the tolerance and refuses text that is not a number", () => {
    expect(gradeAnswer(numeric, { text: "3.149" })).toMatchObject({ ok: true, correct: true });
    expect(gradeAnswer(numeric, { text: "3.2" })).toMatchObject({ ok: true, correct: false });
    expect(gradeAnswer(numeric, { text: "pi" })).toEqual({
      ok: false,
      problem: 'Answer with a number, for example 42 or 3.5 ("pi" is not one).',
    });
    expect(describeCorrect(numeric)).toBe("3.14 (give or take 0.01)");
  });

  it("compares short answers without case, extra spaces or surrounding punctuation", () => {
    expect(gradeAnswer(short, { text: "  group   by. " })).toMatchObject({ correct: true });
    expect(gradeAnswer(short, { text: "order by" })).toMatchObject({ correct: false });
    expect(gradeAnswer(short, { text: "..." })).toEqual({
      ok: false,
      problem: "Type your answer as a word or a short phrase.",
    });
  });

  it("needs exactly the right set for multiple-answer questions", () => {
    expect(gradeAnswer(multiple, { choices: [2, 0] })).toMatchObject({
      correct: true,
      response: "[0,2]",
    });
    expect(gradeAnswer(multiple, { choices: [0] })).toMatchObject({ correct: false });
    expect(gradeAnswer(multiple, { text: "3 1" })).toMatchObject({ correct: true });
    expect(gradeAnswer(multiple, { choices: [] })).toEqual({
      ok: false,
      problem: "Select at least one option, then Submit.",
    });
  });

  it("reads typed choices as a number, a letter, the option text or true/false words", () => {
    const single = question({ options: ["FROM", "SELECT", "WHERE"], correct: [1] });
    for (const text of ["2", "b", "B", "select", " SELECT. "]) {
      expect(gradeAnswer(single, { text }), text).toMatchObject({ ok: true, correct: true });
    }
    expect(gradeAnswer(single, { text: "c" })).toMatchObject({ ok: true, correct: false });
    expect(gradeAnswer(single, { text: "d" })).toEqual({
      ok: false,
      problem: "There is no option 4; the options are numbered 1 to 3.",
    });
    const tf = question({ type: "truefalse", options: ["True", "False"], correct: [0] });
    for (const text of ["true", "Yes", "1", "a"]) {
      expect(gradeAnswer(tf, { text }), text).toMatchObject({ ok: true, correct: true });
    }
    for (const text of ["false", "no", "2"]) {
      expect(gradeAnswer(tf, { text }), text).toMatchObject({ ok: true, correct: false });
    }
    expect(gradeAnswer(tf, { text: "maybe" })).toEqual({
      ok: false,
      problem: "Answer with true or false (or tap a button).",
    });
    const numbers = question({ options: ["0", "1", "2"], correct: [1] });
    expect(gradeAnswer(numbers, { text: "1" })).toEqual({
      ok: false,
      problem: '"1" is the text of option 2 and the number of option 1; tap the button you mean.',
    });
  });

  it("reads decimal commas when they are unambiguous", () => {
    const two = question({ type: "numeric", correct: 2, tolerance: 0 });
    expect(gradeAnswer(two, { text: "2,0" })).toMatchObject({ correct: true, response: "2" });
    const rate = question({ type: "numeric", correct: 1234.5, tolerance: 0 });
    for (const text of ["1234,5", "1,234.5", "1.234,5"]) {
      expect(gradeAnswer(rate, { text }), text).toMatchObject({ ok: true, correct: true });
    }
    expect(gradeAnswer(two, { text: "0,125" })).toMatchObject({ response: "0.125" });
    expect(gradeAnswer(two, { text: "1,000" })).toEqual({
      ok: false,
      problem:
        '"1,000" could mean 1000 or 1.000: write 1000 without the comma, or 1.000 with a point.',
    });
    expect(gradeAnswer(two, { text: "2,0,1" })).toMatchObject({ ok: false });
  });

  it("says a button's choice is not valid when its index is not an option", () => {
    const single = question({ options: ["a", "b"], correct: [0] });
    for (const choices of [[-1], [2], [Number.NaN]]) {
      expect(gradeAnswer(single, { choices })).toEqual({
        ok: false,
        problem:
          "That choice is not valid: this question has options 1 to 2. Nothing was recorded; pick one of them.",
      });
    }
  });

  it("reads a single choice typed as its number or its text", () => {
    const single = question({ options: ["True", "False"], correct: [1], type: "truefalse" });
    expect(gradeAnswer(single, { text: "false" })).toMatchObject({ correct: true });
    expect(gradeAnswer(single, { text: "2" })).toMatchObject({ correct: true });
    expect(gradeAnswer(single, { text: "1,2" })).toEqual({
      ok: false,
      problem: "Pick one option only: this question has a single right answer.",
    });
  });
});

describe("finding courses", () => {
  const listing = (slug: string, title: string, topics: string[] = []): CourseListing => ({
    id: slug,
    slug,
    title,
    summary: "",
    level: "beginner",
    language: "en",
    topics,
    instructorName: "",
    estimatedMinutes: 10,
    lessonCount: 1,
    contentHash: "h",
  });
  const courses = [
    listing("sql-for-data-analysis", "SQL for Data Analysis", ["databases"]),
    listing("python-basics", "Python Basics", ["programming"]),
  ];

  it("matches every word against title, slug and topics", () => {
    expect(matchCourses(courses, "python programming").map((c) => c.slug)).toEqual([
      "python-basics",
    ]);
    expect(matchCourses(courses, "python databases")).toEqual([]);
  });

  it("finds the closest slugs by edit distance or substring", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(closestCourses(courses, "pyhton-basics").map((c) => c.slug)).toEqual(["python-basics"]);
    expect(closestCourses(courses, "sql").map((c) => c.slug)).toEqual(["sql-for-data-analysis"]);
    expect(closestCourses(courses, "haskell")).toEqual([]);
  });
});

describe("streaks and Leitner boxes", () => {
  it("counts local days: the same day keeps, the next day adds, a gap restarts", () => {
    expect(localDate(new Date("2026-03-02T23:30:00Z"), "Europe/Berlin")).toBe("2026-03-03");
    expect(localDate(new Date("2026-03-02T23:30:00Z"), "Not/AZone")).toBe("2026-03-02");
    expect(advanceStreak({ days: 4, lastDate: "2026-03-02" }, "2026-03-02")).toEqual({
      days: 4,
      lastDate: "2026-03-02",
    });
    expect(advanceStreak({ days: 4, lastDate: "2026-02-28" }, "2026-03-01")).toEqual({
      days: 5,
      lastDate: "2026-03-01",
    });
    expect(advanceStreak({ days: 4, lastDate: "2026-02-27" }, "2026-03-01")).toEqual({
      days: 1,
      lastDate: "2026-03-01",
    });
    expect(currentStreak({ days: 4, lastDate: "2026-02-27" }, "2026-03-01")).toBe(0);
  });

  it("moves a right answer up one box and a wrong one back to box 1", () => {
    const now = new Date("2026-03-02T00:00:00Z");
    expect(nextReview(2, true, now)).toEqual({ box: 3, dueAt: new Date("2026-03-06T00:00:00Z") });
    expect(nextReview(4, false, now)).toEqual({ box: 1, dueAt: new Date("2026-03-03T00:00:00Z") });
    expect(nextReview(5, true, now).box).toBe(5);
  });
});

describe("the certificate key", () => {
  it("is created once with mode 0600 and reused, and its signatures verify", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studyhall-key-"));
    const file = path.join(dir, "nested", "key.pem");
    const first = loadCertificateSigner(file);
    const second = loadCertificateSigner(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(second.publicKeyPem).toBe(first.publicKeyPem);

    const claims = {
      id: "abc",
      learnerName: "Ada",
      courseTitle: "SQL",
      courseSlug: "sql",
      issuer: "StudyHall",
      issuedAt: new Date("2026-03-02T10:00:00Z"),
    };
    const signature = first.sign(canonicalCertificateJson(claims));
    expect(verifyCertificate(second.publicKeyPem, claims, signature)).toBe(true);
    expect(
      verifyCertificate(second.publicKeyPem, { ...claims, courseTitle: "Other" }, signature),
    ).toBe(false);
    expect(verifyCertificate("not a key", claims, signature)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
