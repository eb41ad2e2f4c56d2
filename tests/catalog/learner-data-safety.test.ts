import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importCourseFolders } from "../../core/catalog/import-courses.js";
import { readPackageFolder } from "../../core/catalog/package-files.js";
import { parsePackage } from "../../core/catalog/parse-package.js";
import { InvalidInputError } from "../../core/errors.js";
import { newId } from "../../core/ids.js";
import { type Db, openDatabase } from "../../prisma/database.js";
import { migrate } from "../../prisma/migrate.js";
import { createCourseImportStore } from "../../prisma/store/course-import.js";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases.js";

const SQL_COURSE = path.resolve("courses/sql-for-data-analysis");
const PYTHON_COURSE = path.resolve("courses/python-basics");

/** A scratch copy of a course folder that a test may edit. */
function copyOf(folder: string, name = path.basename(folder)): string {
  const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "studyhall-safety-")), name);
  fs.cpSync(folder, target, { recursive: true });
  return target;
}

function edit(file: string, from: string, to: string): void {
  const text = fs.readFileSync(file, "utf8");
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
}

/** The SQL course under python-basics' slug: the tester's hijack. */
function hijackFolder(): string {
  const folder = copyOf(SQL_COURSE, "dup-slug");
  const yaml = path.join(folder, "course.yaml");
  edit(yaml, "slug: sql-for-data-analysis", "slug: python-basics");
  edit(yaml, "title: SQL for Data Analysis", "title: HIJACKED SQL");
  return folder;
}

async function rowCounts(db: Db): Promise<Record<string, number>> {
  return {
    courses: await db.course.count(),
    lessons: await db.lesson.count(),
    parts: await db.lessonPart.count(),
    exercises: await db.exercise.count(),
    quizzes: await db.quiz.count(),
    questions: await db.question.count(),
    enrollments: await db.enrollment.count(),
    progress: await db.progress.count(),
    attempts: await db.attempt.count(),
    answers: await db.answer.count(),
    reviewItems: await db.reviewItem.count(),
    exerciseResults: await db.exerciseResult.count(),
  };
}

/** A learner who studied `lessonKey`: progress, a quiz attempt, an answer, a review item, an exercise. */
async function studied(db: Db, lessonKey: string, learnerId = newId()) {
  const course = await db.course.findUniqueOrThrow({ where: { slug: "python-basics" } });
  const lesson = await db.lesson.findUniqueOrThrow({
    where: { courseId_key: { courseId: course.id, key: lessonKey } },
    include: { exercises: true, quiz: { include: { questions: true } } },
  });
  await db.learner.upsert({
    where: { id: learnerId },
    create: { id: learnerId, displayName: "Maya" },
    update: {},
  });
  const enrollment = await db.enrollment.upsert({
    where: { learnerId_courseId: { learnerId, courseId: course.id } },
    create: { id: newId(), learnerId, courseId: course.id, currentLesson: lessonKey },
    update: {},
  });
  await db.progress.create({
    data: { enrollmentId: enrollment.id, lessonId: lesson.id, partsSeen: 2, partsTotal: 3 },
  });
  const exercise = lesson.exercises[0]!;
  await db.exerciseResult.create({
    data: { learnerId, exerciseId: exercise.id, understood: true },
  });
  const quiz = lesson.quiz!;
  const attempt = await db.attempt.create({
    data: { id: newId(), learnerId, quizId: quiz.id, total: quiz.questions.length },
  });
  const question = quiz.questions[0]!;
  await db.answer.create({
    data: {
      id: newId(),
      attemptId: attempt.id,
      questionId: question.id,
      learnerId,
      response: "[0]",
      correct: true,
    },
  });
  await db.reviewItem.create({ data: { learnerId, questionId: question.id, dueAt: new Date() } });
  return { learnerId, enrollmentId: enrollment.id, lessonId: lesson.id, questionKey: question.key };
}

describe.each(DATABASE_KINDS)("imports never delete learner data unasked on %s", (kind) => {
  let database: TestDatabase;
  let db: Db;

  beforeEach(async () => {
    database = await createTestDatabase(kind);
    await migrate(database.url);
    db = await openDatabase(database.url);
  });

  afterEach(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it("refuses another course reusing the slug and leaves the database unchanged", async () => {
    const store = createCourseImportStore(db);
    await importCourseFolders([PYTHON_COURSE], store);
    const maya = await studied(db, "values");
    await studied(db, "lists", maya.learnerId);
    await studied(db, "values");
    const before = await rowCounts(db);
    const folder = hijackFolder();

    const plain = await importCourseFolders([folder], store);
    const allowed = await importCourseFolders([folder], store, { allowRemovingLessons: true });

    const label = path.relative(process.cwd(), folder);
    for (const report of [plain, allowed]) {
      expect(report.ok).toBe(false);
      expect(!report.ok && report.problems).toEqual([
        {
          file: `${label}/course.yaml`,
          message:
            'slug "python-basics" belongs to the stored course "Python Basics" (slug "python-basics"), ' +
            'which has another title and no lesson key in common with this package "HIJACKED SQL"; ' +
            "importing would remove lessons values, lists (2 learners have progress in them). " +
            "If this is a different course, give it another slug in its course.yaml; if it really " +
            "replaces the stored course, re-run with --replace. Nothing was imported",
        },
      ]);
    }
    expect(await rowCounts(db)).toEqual(before);
    const course = await db.course.findUniqueOrThrow({ where: { slug: "python-basics" } });
    expect(course.title).toBe("Python Basics");
  });

  it("refuses the whole run, writing no other course either", async () => {
    const store = createCourseImportStore(db);
    await importCourseFolders([PYTHON_COURSE], store);
    await studied(db, "values");
    const before = await rowCounts(db);

    const report = await importCourseFolders([SQL_COURSE, hijackFolder()], store);

    expect(report.ok).toBe(false);
    expect(await rowCounts(db)).toEqual(before);
    expect(await db.course.count({ where: { slug: "sql-for-data-analysis" } })).toBe(0);
  });

  it("replaces the course with --replace", async () => {
    const store = createCourseImportStore(db);
    await importCourseFolders([PYTHON_COURSE], store);
    await studied(db, "values");

    const report = await importCourseFolders([hijackFolder()], store, { replace: true });

    if (!report.ok) throw new Error(JSON.stringify(report.problems));
    expect(report.outcomes[0]).toMatchObject({
      status: "updated",
      title: "HIJACKED SQL",
      removedLessons: ["values", "lists", "conditions", "functions"],
    });
    expect(await db.progress.count()).toBe(0);
    expect(await db.answer.count()).toBe(0);
  });

  it("refuses to drop a studied lesson unless --allow-removing-lessons is given", async () => {
    const store = createCourseImportStore(db);
    const folder = copyOf(PYTHON_COURSE);
    await importCourseFolders([folder], store);
    const kept = await studied(db, "values");
    await studied(db, "lists");
    const before = await rowCounts(db);
    fs.rmSync(path.join(folder, "lessons/02-lists.md"));
    fs.rmSync(path.join(folder, "lessons/02-lists.quiz.yaml"));

    const refused = await importCourseFolders([folder], store);

    expect(!refused.ok && refused.problems[0]!.message).toBe(
      'importing would remove from the stored course "Python Basics" (slug "python-basics") ' +
        "lesson lists (1 learner has progress in it), deleting that learner data. If this is a " +
        "different course, give it another slug in its course.yaml; if the removal is intended, " +
        "re-run with --allow-removing-lessons. Nothing was imported",
    );
    expect(await rowCounts(db)).toEqual(before);

    const report = await importCourseFolders([folder], store, { allowRemovingLessons: true });

    if (!report.ok) throw new Error(JSON.stringify(report.problems));
    expect(report.outcomes[0]).toMatchObject({ status: "updated", removedLessons: ["lists"] });
    const lessons = await db.lesson.findMany({ orderBy: { position: "asc" } });
    expect(lessons.map((lesson) => lesson.key)).toEqual(["values", "conditions", "functions"]);
    const progress = await db.progress.findMany();
    expect(progress.map((row) => [row.enrollmentId, row.lessonId])).toEqual([
      [kept.enrollmentId, kept.lessonId],
    ]);
    expect(await db.answer.count()).toBe(1);
    expect(await db.reviewItem.count()).toBe(1);
    expect(await db.exerciseResult.count()).toBe(1);
  });

  it("refuses to drop an answered question within a kept lesson", async () => {
    const store = createCourseImportStore(db);
    const folder = copyOf(PYTHON_COURSE);
    await importCourseFolders([folder], store);
    await studied(db, "values");
    const before = await rowCounts(db);
    const quiz = path.join(folder, "lessons/01-values.quiz.yaml");
    const text = fs.readFileSync(quiz, "utf8");
    fs.writeFileSync(quiz, `questions:\n${text.slice(text.indexOf("  - key: string-plus"))}`);

    const report = await importCourseFolders([folder], store);

    expect(!report.ok && report.problems[0]!.message).toContain(
      "question float-division of lesson values (1 learner has answers or results on them)",
    );
    expect(await rowCounts(db)).toEqual(before);
  });

  it("re-imports edited text and keeps every learner row", async () => {
    const store = createCourseImportStore(db);
    const folder = copyOf(PYTHON_COURSE);
    await importCourseFolders([folder], store);
    const kept = await studied(db, "values");
    await studied(db, "lists");
    const before = await rowCounts(db);
    edit(
      path.join(folder, "course.yaml"),
      "title: Python Basics",
      "title: Python Basics (2nd ed.)",
    );
    edit(path.join(folder, "lessons/01-values.md"), "title: Values", "title: Plain values");

    const report = await importCourseFolders([folder], store);

    if (!report.ok) throw new Error(JSON.stringify(report.problems));
    expect(report.outcomes[0]).toMatchObject({ status: "updated", removedLessons: [] });
    expect(await rowCounts(db)).toEqual(before);
    const lesson = await db.lesson.findUniqueOrThrow({ where: { id: kept.lessonId } });
    expect(lesson.title).toMatch(/^Plain values/);
    const progress = await db.progress.findUniqueOrThrow({
      where: {
        enrollmentId_lessonId: { enrollmentId: kept.enrollmentId, lessonId: kept.lessonId },
      },
    });
    expect(progress.partsSeen).toBe(2);
  });

  it("the store itself refuses inside its transaction", async () => {
    const store = createCourseImportStore(db);
    await importCourseFolders([PYTHON_COURSE], store);
    await studied(db, "values");
    const before = await rowCounts(db);
    const folder = hijackFolder();
    const parsed = parsePackage(readPackageFolder(folder, "dup-slug"));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));

    await expect(store.saveCourse(parsed.course)).rejects.toBeInstanceOf(InvalidInputError);

    expect(await rowCounts(db)).toEqual(before);
  });
});
