/**
 * Quiz answers through the whole core (identify, grade, record, reply) with 1,000 concurrent
 * learners on SQLite, and the raw better-sqlite3 driver doing the same reads and writes as
 * the ceiling. Prints one JSON line last. `npx tsx scripts/bench/quiz-answer.ts [learners]`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { loadCertificateSigner } from "../../app/certificate-key.js";
import { ManualClock } from "../../core/clock.js";
import { createConversation } from "../../core/conversation/router.js";
import { newId } from "../../core/ids.js";
import { createLearningDeps } from "../../core/learning/learning-deps.js";
import { learningFeatures } from "../../core/learning/learning-features.js";
import { silentLogger } from "../../core/logger.js";
import type { Reply } from "../../core/messages.js";
import { type Db, openDatabase, sqlitePath } from "../../prisma/database.js";
import { migrate } from "../../prisma/migrate.js";
import { createAccountStore, createUpdateLog } from "../../prisma/store/accounts.js";
import { createCatalogStore } from "../../prisma/store/catalog.js";
import { createCertificateStore } from "../../prisma/store/certificates.js";
import { createLearningStore } from "../../prisma/store/learning.js";

const LEARNERS = Number(process.argv[2] ?? 1000);
const QUESTIONS = 10;

async function insertCourse(db: Db): Promise<void> {
  await db.course.create({
    data: {
      id: "bench",
      slug: "bench",
      title: "Bench",
      summary: "Benchmark course",
      level: "beginner",
      instructorName: "Bench",
      estimatedMinutes: 10,
      completionRule: "{}",
      contentHash: "v1",
      lessons: { create: { id: "bench-l1", key: "l1", position: 0, title: "Only lesson" } },
    },
  });
  await db.quiz.create({
    data: {
      id: "bench-quiz",
      courseId: "bench",
      lessonId: "bench-l1",
      key: "l1",
      questions: {
        create: Array.from({ length: QUESTIONS }, (_, i) => ({
          id: `bench-q${i}`,
          key: `q${i}`,
          position: i,
          type: "single",
          prompt: `Question ${i}?`,
          options: JSON.stringify(["A", "B", "C"]),
          correct: "[1]",
          explanation: "B is right.",
        })),
      },
    },
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summarize(latencies: number[], elapsedMs: number) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    perSecond: Math.round((latencies.length / elapsedMs) * 1000),
    p50Ms: Number(percentile(sorted, 50).toFixed(2)),
    p99Ms: Number(percentile(sorted, 99).toFixed(2)),
  };
}

async function throughCore(url: string) {
  const db = openDatabase(url);
  await insertCourse(db);
  const accounts = createAccountStore(db);
  const dir = path.dirname(sqlitePath(url));
  const deps = createLearningDeps({
    catalog: createCatalogStore(db),
    learning: createLearningStore(db),
    certificates: createCertificateStore(db),
    signer: loadCertificateSigner(path.join(dir, "key.pem")),
    accounts,
    publicUrl: "http://127.0.0.1",
    issuer: "Bench",
  });
  const conversation = createConversation({
    accounts,
    updates: createUpdateLog(db),
    clock: new ManualClock("2026-03-02T10:00:00Z"),
    logger: silentLogger,
    features: learningFeatures(deps),
  });
  const send = (user: string, input: { text?: string; action?: string }) =>
    conversation.handle({
      platform: "web",
      userId: user,
      displayName: user,
      chat: { id: user, kind: "direct" },
      ...input,
    });
  const users = Array.from({ length: LEARNERS }, (_, i) => `learner-${i}`);
  const firstQuestion = new Map<string, Reply>();
  for (const user of users) {
    await send(user, { text: "/enroll bench" });
    const replies = await send(user, { text: "/quiz" });
    firstQuestion.set(user, replies.at(-1)!);
  }

  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    users.map(async (user) => {
      let question = firstQuestion.get(user)!.question;
      while (question) {
        const at = performance.now();
        const replies = await send(user, { action: `${question.answerActionPrefix}1` });
        latencies.push(performance.now() - at);
        question = replies.at(-1)?.question;
      }
    }),
  );
  const result = {
    answers: latencies.length,
    ...summarize(latencies, performance.now() - started),
  };
  await db.$disconnect();
  return result;
}

/** The same reads and writes per answer on better-sqlite3 directly, as the ceiling. */
function throughRawDriver(file: string) {
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  const account = sqlite.prepare(
    'SELECT id, "learnerId" FROM Account WHERE platform = ? AND "externalId" = ?',
  );
  const touch = sqlite.prepare(
    'UPDATE Learner SET "lastActiveAt" = ?, "nudgesUnanswered" = 0 WHERE id = ?',
  );
  const attempt = sqlite.prepare("SELECT * FROM Attempt WHERE id = ?");
  const answers = sqlite.prepare('SELECT "questionId", correct FROM Answer WHERE "attemptId" = ?');
  const insert = sqlite.prepare(
    'INSERT INTO Answer (id, "attemptId", "questionId", "learnerId", response, correct, "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const count = sqlite.prepare("UPDATE Attempt SET correct = correct + 1 WHERE id = ?");
  const record = sqlite.transaction((row: unknown[]) => {
    insert.run(...row);
    count.run(row[1]);
  });
  const learners = sqlite
    .prepare('SELECT a."externalId" AS user, a."learnerId" AS learner FROM Account a')
    .all() as Array<{ user: string; learner: string }>;
  const attempts = new Map<string, string>();
  for (const { learner } of learners) {
    const id = newId();
    sqlite
      .prepare(
        'INSERT INTO Attempt (id, "learnerId", "quizId", total, "startedAt") VALUES (?, ?, ?, ?, ?)',
      )
      .run(id, learner, "bench-quiz", QUESTIONS, Date.now());
    attempts.set(learner, id);
  }
  const latencies: number[] = [];
  const started = performance.now();
  for (let q = 0; q < QUESTIONS; q++) {
    for (const { user, learner } of learners) {
      const at = performance.now();
      const found = account.get("web", user) as { learnerId: string };
      touch.run(Date.now(), found.learnerId);
      const id = attempts.get(learner)!;
      attempt.get(id);
      answers.all(id);
      record([newId(), id, `bench-q${q}`, learner, "[1]", 1, Date.now()]);
      latencies.push(performance.now() - at);
    }
  }
  const result = {
    answers: latencies.length,
    ...summarize(latencies, performance.now() - started),
  };
  sqlite.close();
  return result;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studyhall-bench-quiz-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  try {
    await migrate(url);
    const core = await throughCore(url);
    const raw = throughRawDriver(sqlitePath(url));
    console.log(
      JSON.stringify({
        bench: "quiz-answer",
        learners: LEARNERS,
        answers: core.answers,
        answersPerSecond: core.perSecond,
        p50Ms: core.p50Ms,
        p99Ms: core.p99Ms,
        raw: raw,
        target: { answersPerSecond: 2000, p99Ms: 25 },
        met: core.perSecond >= 2000 && core.p99Ms < 25,
      }),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
