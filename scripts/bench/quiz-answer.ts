/**
 * Quiz answers through the whole core (identify, grade, record, reply) on SQLite with 1,000
 * learners: first every learner answering back to back (answers per second), then answers
 * offered at 2,000/s spread over the learners (p50/p99 latency from the moment each was due).
 * The raw better-sqlite3 driver doing the same reads and writes runs last as the ceiling.
 * Prints one JSON line last. `npx tsx scripts/bench/quiz-answer.ts [learners]`.
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
import type { QuestionView, Reply } from "../../core/messages.js";
import { type Db, openDatabase, sqlitePath, tuneDatabase } from "../../prisma/database.js";
import { migrate } from "../../prisma/migrate.js";
import { createAccountStore, createUpdateLog } from "../../prisma/store/accounts.js";
import { createCatalogStore } from "../../prisma/store/catalog.js";
import { createCertificateStore } from "../../prisma/store/certificates.js";
import { createLearningStore } from "../../prisma/store/learning.js";

const LEARNERS = Number(process.argv[2] ?? 1000);
const QUESTIONS = 20;
/** Answers per second offered in the latency phase (DESIGN.md target). */
const OFFERED_RATE = 2000;

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

type Send = (user: string, input: { text?: string; action?: string }) => Promise<Reply[]>;

async function composeCore(url: string): Promise<{ db: Db; send: Send }> {
  const db = await openDatabase(url);
  await tuneDatabase(db, url);
  await insertCourse(db);
  const accounts = createAccountStore(db);
  const deps = createLearningDeps({
    catalog: createCatalogStore(db),
    learning: createLearningStore(db),
    certificates: createCertificateStore(db),
    signer: loadCertificateSigner(path.join(path.dirname(sqlitePath(url)), "key.pem")),
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
  const send: Send = (user, input) =>
    conversation.handle({
      platform: "web",
      userId: user,
      displayName: user,
      chat: { id: user, kind: "direct" },
      ...input,
    });
  return { db, send };
}

/** Every learner answers back to back: the most answers per second the core can do. */
async function closedLoop(send: Send, current: Map<string, QuestionView>, answers: number) {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    [...current.keys()].map(async (user) => {
      for (let n = 0; n < answers; n++) {
        const at = performance.now();
        const replies = await send(user, { action: `${current.get(user)!.answerActionPrefix}1` });
        latencies.push(performance.now() - at);
        current.set(user, replies.at(-1)!.question!);
      }
    }),
  );
  return summarize(latencies, performance.now() - started);
}

/** Learners answer at a steady offered rate, spread evenly: the latency a learner sees. */
async function openLoop(send: Send, current: Map<string, QuestionView>, answers: number) {
  const users = [...current.keys()];
  const interval = (users.length / OFFERED_RATE) * 1000;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    users.map(async (user, i) => {
      for (let n = 0; n < answers; n++) {
        const due = started + (i / users.length + n) * interval;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
        const question = current.get(user)!;
        const replies = await send(user, { action: `${question.answerActionPrefix}1` });
        latencies.push(performance.now() - due);
        const next = replies.at(-1)!.question;
        if (next) current.set(user, next);
      }
    }),
  );
  return summarize(latencies, performance.now() - started);
}

async function throughCore(url: string) {
  const { db, send } = await composeCore(url);
  const current = new Map<string, QuestionView>();
  for (let i = 0; i < LEARNERS; i++) {
    const user = `learner-${i}`;
    await send(user, { text: "/enroll bench" });
    current.set(user, (await send(user, { text: "/quiz" })).at(-1)!.question!);
  }
  const half = QUESTIONS / 2;
  const throughput = await closedLoop(send, current, half);
  const latency = await openLoop(send, current, half);
  await db.$disconnect();
  return { answers: LEARNERS * QUESTIONS, throughput, latency };
}

/**
 * The ceiling: better-sqlite3 directly, per answer identifying the sender, touching the
 * learner, reading the attempt's answers and inserting the answer, one after another.
 */
function throughRawDriver(file: string) {
  const sqlite = new Database(file);
  const account = sqlite.prepare(
    'SELECT id, "learnerId" FROM Account WHERE platform = ? AND "externalId" = ?',
  );
  const touch = sqlite.prepare(
    'UPDATE Learner SET "lastActiveAt" = ?, "nudgesUnanswered" = 0 WHERE id = ?',
  );
  const answers = sqlite.prepare('SELECT "questionId", correct FROM Answer WHERE "attemptId" = ?');
  const insert = sqlite.prepare(
    'INSERT INTO Answer (id, "attemptId", "questionId", "learnerId", response, correct, "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
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
      answers.all(id);
      insert.run(newId(), id, `bench-q${q}`, learner, "[1]", 1, Date.now());
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
        answersPerSecond: core.throughput.perSecond,
        offeredPerSecond: OFFERED_RATE,
        p50Ms: core.latency.p50Ms,
        p99Ms: core.latency.p99Ms,
        raw,
        target: { answersPerSecond: 2000, p99Ms: 25 },
        met: core.throughput.perSecond >= 2000 && core.latency.p99Ms < 25,
      }),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
