import { generateKeyPairSync, sign } from "node:crypto";
import { ManualClock } from "../../core/clock.js";
import { createConversation } from "../../core/conversation/router.js";
import { helpFeature } from "../../core/features/help.js";
import { createLearningDeps, type LearningDeps } from "../../core/learning/learning-deps.js";
import { learningFeatures } from "../../core/learning/learning-features.js";
import { silentLogger } from "../../core/logger.js";
import type { Reply } from "../../core/messages.js";
import type { CertificateSigner } from "../../core/ports/certificates.js";
import { type Db, openDatabase } from "../../prisma/database.js";
import { migrate } from "../../prisma/migrate.js";
import { createAccountStore, createUpdateLog } from "../../prisma/store/accounts.js";
import { createCatalogStore } from "../../prisma/store/catalog.js";
import { createCertificateStore } from "../../prisma/store/certificates.js";
import { createLearningStore } from "../../prisma/store/learning.js";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";

/** A question as the fixture builder takes it. */
export interface QuestionFixture {
  type: "single" | "multiple" | "truefalse" | "short" | "numeric";
  prompt: string;
  options?: string[];
  correct: number[] | string[] | number;
  tolerance?: number;
  explanation?: string;
}

/** A lesson as the fixture builder takes it. */
export interface LessonFixture {
  key: string;
  title: string;
  parts: string[];
  keyPoints?: string[];
  exercises?: Array<{ key: string; title: string; prompt: string; solution?: string }>;
  quiz?: QuestionFixture[];
}

/** A course as the fixture builder takes it. */
export interface CourseFixture {
  slug: string;
  title: string;
  summary?: string;
  topics?: string[];
  quizPassPercent?: number;
  attribution?: string;
  license?: string;
  lessons: LessonFixture[];
  /** A final exam that the completion rule requires. */
  finalExam?: QuestionFixture[];
}

/** Ids of the rows a fixture course was given. */
export interface InsertedCourse {
  id: string;
  lessons: Array<{
    id: string;
    exerciseIds: string[];
    quizId: string | null;
    questionIds: string[];
  }>;
}

/** Inserts a course with lessons, parts, exercises and quizzes straight through Prisma. */
export async function insertCourse(db: Db, course: CourseFixture): Promise<InsertedCourse> {
  const id = `c-${course.slug}`.slice(0, 24);
  await db.course.create({
    data: {
      id,
      slug: course.slug,
      title: course.title,
      summary: course.summary ?? `Learn ${course.title}.`,
      level: "beginner",
      topics: JSON.stringify(course.topics ?? []),
      instructorName: "Grace Hopper",
      estimatedMinutes: 30 * course.lessons.length,
      completionRule: JSON.stringify({
        lessons: "all",
        quizPassPercent: course.quizPassPercent ?? 70,
        finalExam: course.finalExam !== undefined,
      }),
      attribution: course.attribution ?? null,
      license: course.license ?? null,
      contentHash: "v1",
    },
  });
  const lessons: InsertedCourse["lessons"] = [];
  for (const [position, lesson] of course.lessons.entries()) {
    lessons.push(await insertLesson(db, id, position, lesson));
  }
  if (course.finalExam) await insertQuiz(db, id, null, `${id}-final`, course.finalExam);
  return { id, lessons };
}

async function insertLesson(db: Db, courseId: string, position: number, lesson: LessonFixture) {
  const lessonId = `${courseId}-${lesson.key}`;
  await db.lesson.create({
    data: {
      id: lessonId,
      courseId,
      key: lesson.key,
      position,
      title: lesson.title,
      objectives: JSON.stringify([`Understand ${lesson.title}`]),
      keyPoints: JSON.stringify(lesson.keyPoints ?? []),
      parts: {
        create: lesson.parts.map((body, i) => ({ id: `${lessonId}-p${i}`, position: i, body })),
      },
      exercises: {
        create: (lesson.exercises ?? []).map((exercise, i) => ({
          id: `${lessonId}-x${i}`,
          position: i,
          key: exercise.key,
          title: exercise.title,
          prompt: exercise.prompt,
          solution: exercise.solution ?? null,
        })),
      },
    },
  });
  const exerciseIds = (lesson.exercises ?? []).map((_, i) => `${lessonId}-x${i}`);
  if (!lesson.quiz) return { id: lessonId, exerciseIds, quizId: null, questionIds: [] };
  const quizId = `${lessonId}-q`;
  const questionIds = await insertQuiz(db, courseId, lessonId, quizId, lesson.quiz);
  return { id: lessonId, exerciseIds, quizId, questionIds };
}

async function insertQuiz(
  db: Db,
  courseId: string,
  lessonId: string | null,
  quizId: string,
  questions: QuestionFixture[],
): Promise<string[]> {
  const questionIds = questions.map((_, i) => `${quizId}${i}`);
  await db.quiz.create({
    data: {
      id: quizId,
      courseId,
      lessonId,
      key: lessonId ?? "final",
      kind: lessonId ? "lesson" : "final",
      questions: {
        create: questions.map((question, i) => ({
          id: questionIds[i]!,
          key: `q${i}`,
          position: i,
          type: question.type,
          prompt: question.prompt,
          options: JSON.stringify(question.options ?? []),
          correct: JSON.stringify(question.correct),
          tolerance: question.tolerance ?? null,
          explanation: question.explanation ?? "",
        })),
      },
    },
  });
  return questionIds;
}

/** An in-memory Ed25519 signer, so tests need no key file. */
export function testSigner(): CertificateSigner & { publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    sign: (payload) => sign(null, Buffer.from(payload), privateKey).toString("base64url"),
  };
}

/** A conversation with the learning features on a fresh database, and helpers to talk to it. */
export interface Harness {
  db: Db;
  deps: LearningDeps;
  clock: ManualClock;
  signer: CertificateSigner;
  /** Sends text as `user` (default "ada"). */
  say(text: string, user?: string): Promise<Reply[]>;
  /** Presses a button as `user`. */
  press(action: string, user?: string): Promise<Reply[]>;
  /** The learner id of a user who has sent something. */
  learnerId(user?: string): Promise<string>;
  close(): Promise<void>;
}

/** Builds a {@link Harness} on a new database of `kind`. */
export async function createHarness(kind: "sqlite" | "postgres"): Promise<Harness> {
  const database: TestDatabase = await createTestDatabase(kind);
  await migrate(database.url);
  const db = await openDatabase(database.url);
  const clock = new ManualClock("2026-03-02T10:00:00Z");
  const { deps, signer, send } = createProcess(db, clock);
  return {
    db,
    deps,
    clock,
    signer,
    say: (text, user = "ada") => send(user, { text }),
    press: (action, user = "ada") => send(user, { action }),
    async learnerId(user = "ada") {
      const account = await db.account.findFirstOrThrow({ where: { externalId: user } });
      return account.learnerId;
    },
    async close() {
      await db.$disconnect();
      await database.drop();
    },
  };
}

/**
 * One StudyHall process's conversation over `db`, with its own in-memory caches; tests make
 * two to play two processes sharing a database.
 */
export function createProcess(db: Db, clock: ManualClock) {
  const accounts = createAccountStore(db);
  const signer = testSigner();
  const deps = createLearningDeps({
    catalog: createCatalogStore(db),
    learning: createLearningStore(db),
    certificates: createCertificateStore(db),
    signer,
    accounts,
    publicUrl: "https://studyhall.test",
    issuer: "StudyHall Test",
  });
  const conversation = createConversation({
    accounts,
    updates: createUpdateLog(db),
    clock,
    logger: silentLogger,
    features: [...learningFeatures(deps), helpFeature(() => conversation.commands())],
  });
  const send = (user: string, input: { text?: string; action?: string }) =>
    conversation.handle({
      platform: "web",
      userId: user,
      displayName: user === "ada" ? "Ada Lovelace" : `Learner ${user}`,
      chat: { id: user, kind: "direct" },
      ...input,
    });
  return { deps, signer, send };
}

/** The course most tests use: two lessons, an exercise, quizzes of every question type. */
export const SQL_COURSE: CourseFixture = {
  slug: "sql-basics",
  title: "SQL Basics",
  summary: "Query tables with SELECT and WHERE.",
  topics: ["sql", "databases"],
  attribution: "Adapted from the Example Carpentry lesson",
  license: "CC-BY 4.0",
  lessons: [
    {
      key: "select",
      title: "Selecting columns",
      parts: ["SELECT picks columns.", "FROM names the table."],
      keyPoints: ["SELECT chooses columns"],
      exercises: [
        {
          key: "cheap",
          title: "Cheapest",
          prompt: "List the cheapest order.",
          solution: "SELECT * FROM orders ORDER BY price LIMIT 1;",
        },
      ],
      quiz: [
        {
          type: "single",
          prompt: "Which keyword picks columns?",
          options: ["FROM", "SELECT", "WHERE"],
          correct: [1],
          explanation: "SELECT lists the columns to return.",
        },
        {
          type: "multiple",
          prompt: "Which are SQL keywords?",
          options: ["SELECT", "PRINT", "WHERE", "LOOP"],
          correct: [0, 2],
          explanation: "SELECT and WHERE are SQL; PRINT and LOOP are not.",
        },
        {
          type: "numeric",
          prompt: "How many rows does LIMIT 3 return at most?",
          correct: 3,
          tolerance: 0,
          explanation: "LIMIT caps the row count.",
        },
      ],
    },
    {
      key: "where",
      title: "Filtering rows",
      parts: ["WHERE keeps matching rows."],
      quiz: [
        {
          type: "truefalse",
          prompt: "WHERE filters rows.",
          options: ["True", "False"],
          correct: [0],
          explanation: "WHERE keeps the rows whose condition is true.",
        },
        {
          type: "short",
          prompt: "Which keyword filters rows?",
          correct: ["WHERE"],
          explanation: "WHERE filters rows.",
        },
      ],
    },
  ],
};

/** Concatenated text of replies, for assertions. */
export function textOf(replies: Reply[]): string {
  return replies.map((reply) => reply.text).join("\n---\n");
}

/** The id of the first action whose label contains `label`; fails when there is none. */
export function actionLabelled(replies: Reply[], label: string): string {
  for (const reply of replies) {
    const action = reply.actions?.find((a) => a.label.includes(label));
    if (action) return action.id;
  }
  throw new Error(`no action labelled "${label}" in: ${JSON.stringify(replies, null, 1)}`);
}

/** The last reply that asks a quiz question. */
export function lastQuestion(replies: Reply[]) {
  const reply = [...replies].reverse().find((r) => r.question);
  if (!reply?.question) throw new Error(`no question in: ${textOf(replies)}`);
  return reply.question;
}
