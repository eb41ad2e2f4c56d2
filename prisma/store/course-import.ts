import type {
  CoursePackage,
  InstructorIdentity,
  LessonSpec,
  QuestionSpec,
  QuizSpec,
} from "../../core/catalog/course-package.js";
import { importRefusal } from "../../core/catalog/import-safety.js";
import { InvalidInputError } from "../../core/errors.js";
import { newId } from "../../core/ids.js";
import type {
  CourseImportStore,
  ImportCounts,
  ImportOptions,
  ImportOutcome,
} from "../../core/ports/course-import.js";
import type { Prisma } from "../../generated/sqlite/client.js";
import type { Db } from "../database.js";
import { importImpact } from "./course-import-impact.js";

type Tx = Prisma.TransactionClient;

/** {@link CourseImportStore} on Prisma: one interactive transaction per course. */
export function createCourseImportStore(db: Db): CourseImportStore {
  return {
    countCourses: () => db.course.count(),
    async formatOf(slug) {
      const row = await db.course.findUnique({ where: { slug }, select: { format: true } });
      return row?.format ?? null;
    },
    impactOf: (course) => importImpact(db, course),
    saveCourse: (course, options = {}) =>
      db.$transaction((tx) => writeCourse(tx, course, options), {
        maxWait: 10_000,
        timeout: 120_000,
      }),
  };
}

/** Totals of what a package holds. */
export function countsOf(course: CoursePackage): ImportCounts {
  const sum = (f: (lesson: LessonSpec) => number) => course.lessons.reduce((n, l) => n + f(l), 0);
  return {
    lessons: course.lessons.length,
    parts: sum((l) => l.parts.length),
    exercises: sum((l) => l.exercises.length),
    questions: sum((l) => l.quiz?.questions.length ?? 0),
  };
}

async function writeCourse(
  tx: Tx,
  course: CoursePackage,
  options: ImportOptions,
): Promise<ImportOutcome> {
  const existing = await tx.course.findUnique({
    where: { slug: course.slug },
    select: { id: true, contentHash: true },
  });
  const outcome = { slug: course.slug, title: course.title, counts: countsOf(course) };
  if (existing?.contentHash === course.contentHash) {
    return { ...outcome, status: "unchanged", removedLessons: [] };
  }

  if (!existing) {
    await createCourse(tx, course);
    return { ...outcome, status: "created", removedLessons: [] };
  }
  // Checked again inside the transaction: learners may have studied since the importer looked.
  const refusal = importRefusal(course, await importImpact(tx, course), options);
  if (refusal !== null) throw new InvalidInputError(`course ${course.slug}`, refusal);
  const courseId = existing.id;
  await tx.course.update({ where: { id: courseId }, data: courseData(course) });
  for (const [position, lesson] of course.lessons.entries()) {
    await writeLesson(tx, courseId, position, lesson);
  }
  const keys = course.lessons.map((lesson) => lesson.key);
  const removed = await tx.lesson.findMany({
    where: { courseId, key: { notIn: keys } },
    select: { key: true },
    orderBy: { position: "asc" },
  });
  await tx.lesson.deleteMany({ where: { courseId, key: { notIn: keys } } });
  await writeStaff(tx, courseId, course.instructorName, course.instructorIdentities);
  return { ...outcome, status: "updated", removedLessons: removed.map((row) => row.key) };
}

/** A new course has nothing to match, so every table is written in one batch (fast first start). */
async function createCourse(tx: Tx, course: CoursePackage): Promise<void> {
  const courseId = newId();
  await tx.course.create({ data: { id: courseId, slug: course.slug, ...courseData(course) } });
  const lessons = course.lessons.map((lesson, position) => ({ id: newId(), position, lesson }));
  await tx.lesson.createMany({
    data: lessons.map(({ id, position, lesson }) => ({
      id,
      courseId,
      ...lessonData(lesson, position),
      key: lesson.key,
    })),
  });
  await tx.lessonPart.createMany({
    data: lessons.flatMap(({ id: lessonId, lesson }) =>
      lesson.parts.map((body, position) => ({ id: newId(), lessonId, position, body })),
    ),
  });
  await tx.exercise.createMany({
    data: lessons.flatMap(({ id: lessonId, lesson }) =>
      lesson.exercises.map((exercise, position) => ({
        id: newId(),
        lessonId,
        position,
        ...exercise,
      })),
    ),
  });
  const quizzes = lessons.flatMap(({ id: lessonId, lesson }) =>
    lesson.quiz ? [{ id: newId(), lessonId, quiz: lesson.quiz }] : [],
  );
  await tx.quiz.createMany({
    data: quizzes.map(({ id, lessonId, quiz }) => ({
      id,
      courseId,
      lessonId,
      key: quiz.key,
      passPercent: quiz.passPercent,
    })),
  });
  await tx.question.createMany({
    data: quizzes.flatMap(({ id: quizId, quiz }) =>
      quiz.questions.map((question, position) => ({
        id: newId(),
        quizId,
        key: question.key,
        ...questionData(question, position),
      })),
    ),
  });
  await writeStaff(tx, courseId, course.instructorName, course.instructorIdentities);
}

function courseData(course: CoursePackage) {
  return {
    title: course.title,
    summary: course.summary,
    description: course.description,
    level: course.level,
    language: course.language,
    topics: JSON.stringify(course.topics),
    instructorName: course.instructorName,
    estimatedMinutes: course.estimatedMinutes,
    completionRule: JSON.stringify(course.completionRule),
    attribution: course.attribution,
    license: course.license,
    sourceUrl: course.sourceUrl,
    format: course.format,
    contentHash: course.contentHash,
  };
}

function lessonData(lesson: LessonSpec, position: number) {
  return {
    position,
    title: lesson.title,
    objectives: JSON.stringify(lesson.objectives),
    keyPoints: JSON.stringify(lesson.keyPoints),
    estimatedMinutes: lesson.estimatedMinutes,
    discussionPrompt: lesson.discussionPrompt,
  };
}

function questionData(question: QuestionSpec, position: number) {
  return {
    position,
    type: question.type,
    prompt: question.prompt,
    options: JSON.stringify(question.options),
    correct: JSON.stringify(question.correct),
    tolerance: question.tolerance,
    explanation: question.explanation,
  };
}

async function writeLesson(tx: Tx, courseId: string, position: number, lesson: LessonSpec) {
  const data = lessonData(lesson, position);
  const { id: lessonId } = await tx.lesson.upsert({
    where: { courseId_key: { courseId, key: lesson.key } },
    create: { id: newId(), courseId, key: lesson.key, ...data },
    update: data,
    select: { id: true },
  });
  // Parts have no learner rows pointing at them (progress counts positions), so replace them.
  await tx.lessonPart.deleteMany({ where: { lessonId } });
  await tx.lessonPart.createMany({
    data: lesson.parts.map((body, index) => ({ id: newId(), lessonId, position: index, body })),
  });
  await tx.progress.updateMany({ where: { lessonId }, data: { partsTotal: lesson.parts.length } });
  await writeExercises(tx, lessonId, lesson);
  if (lesson.quiz) await writeQuiz(tx, courseId, lessonId, lesson.quiz);
  else await tx.quiz.deleteMany({ where: { lessonId } });
}

async function writeExercises(tx: Tx, lessonId: string, lesson: LessonSpec) {
  for (const [position, exercise] of lesson.exercises.entries()) {
    const data = {
      position,
      title: exercise.title,
      prompt: exercise.prompt,
      solution: exercise.solution,
    };
    await tx.exercise.upsert({
      where: { lessonId_key: { lessonId, key: exercise.key } },
      create: { id: newId(), lessonId, key: exercise.key, ...data },
      update: data,
    });
  }
  const keys = lesson.exercises.map((exercise) => exercise.key);
  await tx.exercise.deleteMany({ where: { lessonId, key: { notIn: keys } } });
}

async function writeQuiz(tx: Tx, courseId: string, lessonId: string, quiz: QuizSpec) {
  // A quiz that used to belong to another lesson (a renamed key) would clash on lessonId.
  await tx.quiz.deleteMany({ where: { lessonId, key: { not: quiz.key } } });
  const { id: quizId } = await tx.quiz.upsert({
    where: { courseId_key: { courseId, key: quiz.key } },
    create: { id: newId(), courseId, lessonId, key: quiz.key, passPercent: quiz.passPercent },
    update: { lessonId, passPercent: quiz.passPercent },
    select: { id: true },
  });
  for (const [position, question] of quiz.questions.entries()) {
    const data = questionData(question, position);
    await tx.question.upsert({
      where: { quizId_key: { quizId, key: question.key } },
      create: { id: newId(), quizId, key: question.key, ...data },
      update: data,
    });
  }
  const keys = quiz.questions.map((question) => question.key);
  await tx.question.deleteMany({ where: { quizId, key: { notIn: keys } } });
}

/**
 * Instructors named with platform identities get a learner and account now, so that they are
 * recognised as the course's instructors the first time they message the bot.
 */
async function writeStaff(
  tx: Tx,
  courseId: string,
  name: string,
  identities: InstructorIdentity[],
) {
  for (const identity of identities) {
    const where = {
      platform_externalId: { platform: identity.platform, externalId: identity.externalId },
    };
    const account =
      (await tx.account.findUnique({ where, select: { learnerId: true } })) ??
      (await tx.account.create({
        data: {
          id: newId(),
          platform: identity.platform,
          externalId: identity.externalId,
          learner: { create: { id: newId(), displayName: name.slice(0, 100) } },
        },
        select: { learnerId: true },
      }));
    await tx.courseStaff.upsert({
      where: { courseId_learnerId: { courseId, learnerId: account.learnerId } },
      create: { courseId, learnerId: account.learnerId, role: "instructor" },
      update: {},
    });
  }
}
