import { newId } from "../../core/ids.js";
import type { AttemptRecord, LearningStore } from "../../core/ports/learning.js";
import type { Db } from "../database.js";
import { isUniqueViolation } from "./accounts.js";

const attemptInclude = {
  answers: { select: { questionId: true, correct: true }, orderBy: { createdAt: "asc" } },
} as const;

type AttemptRow = Omit<AttemptRecord, "answers"> & { answers: AttemptRecord["answers"] };

function toAttempt(row: AttemptRow): AttemptRecord {
  return {
    id: row.id,
    learnerId: row.learnerId,
    quizId: row.quizId,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    // An open attempt's score lives in its answers until the attempt is finished.
    correct: row.status === "open" ? row.answers.filter((a) => a.correct).length : row.correct,
    total: row.total,
    status: row.status,
    answers: row.answers,
  };
}

/** Open attempts remembered per process; beyond this many the memory starts over. */
const MAX_OPEN_ATTEMPTS = 50_000;

type OpenAttempt = Pick<AttemptRecord, "id" | "learnerId" | "quizId" | "startedAt" | "total"> & {
  answers: AttemptRecord["answers"];
};

/**
 * {@link LearningStore} on Prisma. An answer costs one insert: open attempts are remembered
 * with the answers this process recorded, and callers re-read with `fresh` when another
 * process may have moved an attempt on (the unique answer key catches every such race).
 */
export function createLearningStore(db: Db): LearningStore {
  const openAttempts = new Map<string, OpenAttempt>();
  function rememberOpen({ id, learnerId, quizId, startedAt, total, answers }: OpenAttempt) {
    if (openAttempts.size >= MAX_OPEN_ATTEMPTS) openAttempts.clear();
    openAttempts.set(id, { id, learnerId, quizId, startedAt, total, answers: [...answers] });
  }

  return {
    async listEnrollments(learnerId) {
      return db.enrollment.findMany({
        where: { learnerId },
        orderBy: [{ lastActivityAt: "desc" }, { enrolledAt: "desc" }],
      });
    },

    async enroll(learnerId, courseId, at) {
      const where = { learnerId_courseId: { learnerId, courseId } };
      const existing = await db.enrollment.findUnique({ where });
      if (existing) return { enrollment: existing, created: false };
      try {
        const enrollment = await db.enrollment.create({
          data: { id: newId(), learnerId, courseId, enrolledAt: at, lastActivityAt: at },
        });
        return { enrollment, created: true };
      } catch (error) {
        // A double-pressed Enroll button: the other press created it.
        if (!isUniqueViolation(error)) throw error;
        return { enrollment: await db.enrollment.findUniqueOrThrow({ where }), created: false };
      }
    },

    async savePosition(enrollmentId, lessonKey, part, at) {
      await db.enrollment.update({
        where: { id: enrollmentId },
        data: { currentLesson: lessonKey, currentPart: part, lastActivityAt: at },
      });
    },

    async completeEnrollment(enrollmentId, at) {
      await db.enrollment.update({
        where: { id: enrollmentId },
        data: { status: "completed", completedAt: at, lastActivityAt: at },
      });
    },

    async listProgress(enrollmentId) {
      return db.progress.findMany({
        where: { enrollmentId },
        select: {
          lessonId: true,
          partsSeen: true,
          partsTotal: true,
          quizCorrect: true,
          quizTotal: true,
          completedAt: true,
        },
      });
    },

    async saveProgress(enrollmentId, progress) {
      const { lessonId, ...fields } = progress;
      await db.progress.upsert({
        where: { enrollmentId_lessonId: { enrollmentId, lessonId } },
        create: { enrollmentId, lessonId, ...fields },
        update: fields,
      });
    },

    async listExerciseResults(learnerId, exerciseIds) {
      if (exerciseIds.length === 0) return [];
      return db.exerciseResult.findMany({
        where: { learnerId, exerciseId: { in: exerciseIds } },
        select: { exerciseId: true, revealedAt: true, understood: true },
      });
    },

    async saveExerciseResult(learnerId, result) {
      const { exerciseId, revealedAt, understood } = result;
      await db.exerciseResult.upsert({
        where: { learnerId_exerciseId: { learnerId, exerciseId } },
        create: { learnerId, exerciseId, revealedAt, understood },
        update: { revealedAt, understood },
      });
    },

    async findAttempt(attemptId, fresh = false) {
      const open = openAttempts.get(attemptId);
      if (open && !fresh) {
        const correct = open.answers.filter((answer) => answer.correct).length;
        return { ...open, finishedAt: null, status: "open", correct, answers: [...open.answers] };
      }
      const row = await db.attempt.findUnique({
        where: { id: attemptId },
        include: attemptInclude,
      });
      if (row?.status === "open") rememberOpen(row);
      else openAttempts.delete(attemptId);
      return row ? toAttempt(row) : null;
    },

    async listAttempts(learnerId, quizIds) {
      if (quizIds.length === 0) return [];
      const rows = await db.attempt.findMany({
        where: { learnerId, quizId: { in: quizIds } },
        orderBy: { startedAt: "desc" },
        include: attemptInclude,
      });
      return rows.map(toAttempt);
    },

    async createAttempt({ id, learnerId, quizId, total, at }) {
      await db.attempt.create({ data: { id, learnerId, quizId, total, startedAt: at } });
      rememberOpen({ id, learnerId, quizId, total, startedAt: at, answers: [] });
    },

    async recordAnswer(answer) {
      const { review, at, ...fields } = answer;
      // createMany inserts without reading the row back: about twice as fast as create.
      const create = db.answer.createMany({ data: [{ ...fields, createdAt: at }] });
      try {
        if (review) {
          const key = { learnerId: answer.learnerId, questionId: answer.questionId };
          const file = db.reviewItem.upsert({
            where: { learnerId_questionId: key },
            create: { ...key, ...review },
            update: review,
          });
          await db.$transaction([create, file]);
        } else {
          // The hot path: one insert; the attempt's score is counted from its answers.
          await create;
        }
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        openAttempts.delete(answer.attemptId);
        return "duplicate";
      }
      const open = openAttempts.get(answer.attemptId);
      open?.answers.push({ questionId: answer.questionId, correct: answer.correct });
      return "recorded";
    },

    async finishAttempt(attemptId, status, correct, at) {
      openAttempts.delete(attemptId);
      await db.attempt.update({
        where: { id: attemptId },
        data: { status, correct, finishedAt: at },
      });
    },

    async listDueReviews(learnerId, now, limit) {
      return db.reviewItem.findMany({
        where: { learnerId, dueAt: { lte: now } },
        orderBy: { dueAt: "asc" },
        take: limit,
        select: { questionId: true, box: true, dueAt: true },
      });
    },

    async findReviewItem(learnerId, questionId) {
      return db.reviewItem.findUnique({
        where: { learnerId_questionId: { learnerId, questionId } },
        select: { questionId: true, box: true, dueAt: true },
      });
    },

    async rescheduleReview(learnerId, questionId, now, next) {
      const result = await db.reviewItem.updateMany({
        where: { learnerId, questionId, dueAt: { lte: now } },
        data: next,
      });
      return result.count > 0;
    },

    async getStreak(learnerId) {
      const row = await db.learner.findUnique({
        where: { id: learnerId },
        select: { streakDays: true, streakLastDate: true },
      });
      return { days: row?.streakDays ?? 0, lastDate: row?.streakLastDate ?? null };
    },

    async saveStreak(learnerId, days, lastDate) {
      await db.learner.update({
        where: { id: learnerId },
        data: { streakDays: days, streakLastDate: lastDate },
      });
    },

    async saveReview({ courseId, learnerId, rating, text, verified }) {
      const where = { courseId_learnerId: { courseId, learnerId } };
      const existing = await db.review.findUnique({ where, select: { id: true } });
      const data = { rating, verified, ...(text === null ? {} : { text }) };
      await db.review.upsert({
        where,
        create: { id: newId(), courseId, learnerId, ...data },
        update: data,
      });
      return { created: !existing };
    },

    async addFeedback({ learnerId, courseId, text, at }) {
      await db.feedback.create({ data: { id: newId(), learnerId, courseId, text, createdAt: at } });
    },
  };
}
