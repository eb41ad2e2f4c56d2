import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importCourseFolders, seedDemoCatalog } from "../../core/catalog/import-courses.js";
import { newId } from "../../core/ids.js";
import { silentLogger } from "../../core/logger.js";
import { type Db, openDatabase } from "../../prisma/database.js";
import { migrate } from "../../prisma/migrate.js";
import { createCourseImportStore } from "../../prisma/store/course-import.js";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases.js";

const SQL_COURSE = path.resolve("courses/sql-for-data-analysis");
const PYTHON_COURSE = path.resolve("courses/python-basics");
const CARPENTRIES = path.resolve("../shared/data/courses/python-novice-inflammation");

/** A scratch copy of a course folder that a test may edit. */
function copyOf(folder: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studyhall-course-"));
  const target = path.join(dir, path.basename(folder));
  fs.cpSync(folder, target, { recursive: true });
  return target;
}

function edit(file: string, from: string, to: string): void {
  const text = fs.readFileSync(file, "utf8");
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
}

async function rowCounts(db: Db): Promise<Record<string, number>> {
  return {
    courses: await db.course.count(),
    lessons: await db.lesson.count(),
    parts: await db.lessonPart.count(),
    exercises: await db.exercise.count(),
    quizzes: await db.quiz.count(),
    questions: await db.question.count(),
    learners: await db.learner.count(),
    accounts: await db.account.count(),
    staff: await db.courseStaff.count(),
    enrollments: await db.enrollment.count(),
    progress: await db.progress.count(),
    answers: await db.answer.count(),
  };
}

/** A learner who enrolled, read two parts of the first lesson and answered one question. */
async function addLearnerProgress(db: Db, slug: string) {
  const course = await db.course.findUniqueOrThrow({ where: { slug }, include: { lessons: true } });
  const lesson = course.lessons.find((l) => l.key === "select")!;
  const quiz = await db.quiz.findUniqueOrThrow({
    where: { lessonId: lesson.id },
    include: { questions: true },
  });
  const learnerId = newId();
  await db.learner.create({ data: { id: learnerId, displayName: "Maya" } });
  const enrollment = await db.enrollment.create({
    data: { id: newId(), learnerId, courseId: course.id, currentLesson: "select", currentPart: 2 },
  });
  await db.progress.create({
    data: { enrollmentId: enrollment.id, lessonId: lesson.id, partsSeen: 2, partsTotal: 3 },
  });
  const attempt = await db.attempt.create({
    data: { id: newId(), learnerId, quizId: quiz.id, total: quiz.questions.length },
  });
  const question = quiz.questions.find((q) => q.key === "select-star")!;
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
  return { enrollmentId: enrollment.id, lessonId: lesson.id, questionId: question.id };
}

describe.each(DATABASE_KINDS)("importing course packages on %s", (kind) => {
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

  it("imports both demo courses and the Carpentries lesson", async () => {
    const store = createCourseImportStore(db);

    const report = await importCourseFolders([SQL_COURSE, PYTHON_COURSE, CARPENTRIES], store);

    if (!report.ok) throw new Error(JSON.stringify(report.problems));
    expect(report.outcomes.map((o) => [o.slug, o.status])).toEqual([
      ["sql-for-data-analysis", "created"],
      ["python-basics", "created"],
      ["python-novice-inflammation", "created"],
    ]);
    expect(report.outcomes[2]!.counts).toEqual({
      lessons: 5,
      parts: 52,
      exercises: 27,
      questions: 0,
    });
    const carpentries = await db.course.findUniqueOrThrow({
      where: { slug: "python-novice-inflammation" },
    });
    expect(carpentries.format).toBe("carpentries");
    expect(carpentries.license).toBe("CC BY 4.0");
    expect(carpentries.attribution).toContain("by The Carpentries");
    const exercise = await db.exercise.findFirstOrThrow({
      where: { key: "sorting-out-references" },
    });
    expect(exercise.solution).toBe("```output\nHopper Grace\n```");
    const question = await db.question.findFirstOrThrow({ where: { key: "join-kinds" } });
    expect(question.type).toBe("multiple");
    expect(JSON.parse(question.correct)).toEqual([0, 1, 3]);
    expect(JSON.parse(question.options)).toHaveLength(4);
    const lesson = await db.lesson.findFirstOrThrow({ where: { key: "where" } });
    expect(JSON.parse(lesson.objectives)).toContain("Keep only the rows you need with WHERE.");
  });

  it("re-importing updates content, removes dropped lessons and keeps learners' progress", async () => {
    const store = createCourseImportStore(db);
    const folder = copyOf(SQL_COURSE);
    await importCourseFolders([folder], store);
    const kept = await addLearnerProgress(db, "sql-for-data-analysis");

    edit(path.join(folder, "lessons/01-select.md"), "A relational database", "A database");
    edit(path.join(folder, "course.yaml"), "  - 04-join.md\n", "");
    edit(path.join(folder, "lessons/01-select.quiz.yaml"), "The star means", "The asterisk means");
    const report = await importCourseFolders([folder], store);

    if (!report.ok) throw new Error(JSON.stringify(report.problems));
    expect(report.outcomes[0]).toMatchObject({ status: "updated", removedLessons: ["join"] });
    const lessons = await db.lesson.findMany({ orderBy: { position: "asc" } });
    expect(lessons.map((l) => l.key)).toEqual(["select", "where", "group-by"]);
    expect(lessons[0]!.id).toBe(kept.lessonId);
    const firstPart = await db.lessonPart.findFirstOrThrow({
      where: { lessonId: kept.lessonId, position: 0 },
    });
    expect(firstPart.body).toContain("A database keeps data in **tables**");
    const question = await db.question.findUniqueOrThrow({ where: { id: kept.questionId } });
    expect(question.explanation).toMatch(/^The asterisk means/);
    const progress = await db.progress.findUniqueOrThrow({
      where: {
        enrollmentId_lessonId: { enrollmentId: kept.enrollmentId, lessonId: kept.lessonId },
      },
    });
    expect(progress.partsSeen).toBe(2);
    expect(await db.enrollment.count()).toBe(1);
    expect(await db.answer.count({ where: { questionId: kept.questionId } })).toBe(1);
  });

  it("says unchanged and writes nothing when the package has not changed", async () => {
    const store = createCourseImportStore(db);
    await importCourseFolders([PYTHON_COURSE], store);
    const before = await db.course.findUniqueOrThrow({ where: { slug: "python-basics" } });

    const report = await importCourseFolders([PYTHON_COURSE], store);

    expect(report.ok && report.outcomes[0]!.status).toBe("unchanged");
    const after = await db.course.findUniqueOrThrow({ where: { slug: "python-basics" } });
    expect(after.updatedAt).toEqual(before.updatedAt);
  });

  it("refuses a malformed package whole and leaves the database unchanged", async () => {
    const store = createCourseImportStore(db);
    const folder = copyOf(SQL_COURSE);
    await importCourseFolders([folder], store);
    await addLearnerProgress(db, "sql-for-data-analysis");
    const before = await rowCounts(db);
    const hash = (await db.course.findFirstOrThrow()).contentHash;

    edit(path.join(folder, "lessons/01-select.md"), "A relational database", "A database");
    edit(path.join(folder, "lessons/02-where.quiz.yaml"), "    answer: discount IS NULL\n", "");
    edit(
      path.join(folder, "course.yaml"),
      "  - 04-join.md\n",
      "  - 04-join.md\n  - 05-window.md\n",
    );
    const report = await importCourseFolders([folder, PYTHON_COURSE], store);

    expect(report.ok).toBe(false);
    const label = path.relative(process.cwd(), folder);
    expect(!report.ok && report.problems.map((p) => `${p.file}:${p.line}`)).toEqual([
      `${label}/course.yaml:27`,
      `${label}/lessons/02-where.quiz.yaml:2`,
    ]);
    expect(await rowCounts(db)).toEqual(before);
    expect((await db.course.findFirstOrThrow()).contentHash).toBe(hash);
  });

  it("refuses two folders that claim the same slug", async () => {
    const folder = copyOf(PYTHON_COURSE);
    edit(path.join(folder, "course.yaml"), "title: Python Basics", "title: Python Again");

    const report = await importCourseFolders([PYTHON_COURSE, folder], createCourseImportStore(db));

    expect(!report.ok && report.problems[0]!.message).toBe(
      'slug "python-basics" is already used by the course in courses/python-basics; give this course another slug',
    );
    expect(await db.course.count()).toBe(0);
  });

  it("refuses a package whose slug belongs to a stored course of another format", async () => {
    const store = createCourseImportStore(db);
    await importCourseFolders([CARPENTRIES], store);
    const folder = copyOf(PYTHON_COURSE);
    edit(
      path.join(folder, "course.yaml"),
      "slug: python-basics",
      "slug: python-novice-inflammation",
    );

    const report = await importCourseFolders([folder], store);

    expect(!report.ok && report.problems[0]!.message).toBe(
      'slug "python-novice-inflammation" already belongs to a course imported from a carpentries package; give this course another slug',
    );
    const course = await db.course.findUniqueOrThrow({
      where: { slug: "python-novice-inflammation" },
    });
    expect(course.title).toBe("Programming with Python");
  });

  it("makes the instructors named with platform ids the course's staff", async () => {
    const folder = copyOf(PYTHON_COURSE);
    edit(
      path.join(folder, "course.yaml"),
      "  name: The StudyHall Team\n",
      '  name: Grace Hopper\n  telegram: "4242"\n  slack: U0INSTRUCT\n',
    );
    const store = createCourseImportStore(db);

    await importCourseFolders([folder], store);
    edit(path.join(folder, "course.yaml"), "Python Basics", "Python Basics, Revised");
    await importCourseFolders([folder], store);

    const staff = await db.courseStaff.findMany({
      include: { learner: { include: { accounts: true } } },
    });
    expect(
      staff.map((s) => [s.role, s.learner.displayName, s.learner.accounts[0]!.platform]),
    ).toEqual(
      expect.arrayContaining([
        ["instructor", "Grace Hopper", "telegram"],
        ["instructor", "Grace Hopper", "slack"],
      ]),
    );
    expect(staff).toHaveLength(2);
    expect(await db.account.count({ where: { platform: "telegram", externalId: "4242" } })).toBe(1);
  });

  it("seeds the demo catalog only into an empty database", async () => {
    const store = createCourseImportStore(db);

    const first = await seedDemoCatalog(store, path.resolve("courses"), silentLogger);
    const second = await seedDemoCatalog(store, path.resolve("courses"), silentLogger);

    expect(first.map((o) => o.slug)).toEqual(["python-basics", "sql-for-data-analysis"]);
    expect(second).toEqual([]);
    expect(await db.course.count()).toBe(2);
  });
});
