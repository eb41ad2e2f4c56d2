import type {
  AccountLinkStore,
  LinkCodeRecord,
  MergeCounts,
} from "../../core/account-link/link-store.js";
import { newId } from "../../core/ids.js";
import type { Prisma } from "../../generated/sqlite/client.js";
import type { Db } from "../database.js";
import { isUniqueViolation } from "./accounts.js";

type Tx = Prisma.TransactionClient;

/** Used and expired codes are kept this long, so a late retry hears "used" or "expired". */
const KEEP_OLD_CODES_MS = 24 * 60 * 60 * 1000;

/** {@link AccountLinkStore} on Prisma; a link is one interactive transaction. */
export function createAccountLinkStore(db: Db): AccountLinkStore {
  return {
    async createCode(code, now) {
      await db.linkCode.deleteMany({
        where: {
          OR: [
            { learnerId: code.learnerId, usedAt: null },
            { expiresAt: { lt: new Date(now.getTime() - KEEP_OLD_CODES_MS) } },
          ],
        },
      });
      try {
        await db.linkCode.create({ data: code });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },

    async findCode(code): Promise<LinkCodeRecord | null> {
      return db.linkCode.findUnique({ where: { code } });
    },

    linkAccount(code, accountId, now) {
      return db
        .$transaction(
          async (tx) => {
            const claimed = await tx.linkCode.updateMany({
              where: { code, usedAt: null, expiresAt: { gt: now } },
              data: { usedAt: now },
            });
            const row = await tx.linkCode.findUnique({ where: { code } });
            const account = await tx.account.findUnique({ where: { id: accountId } });
            if (claimed.count !== 1 || !row || !account || account.learnerId === row.learnerId) {
              // Nothing was written except possibly the claim, which this rollback undoes.
              throw new StaleCode();
            }
            const moved = await mergeLearner(tx, account.learnerId, row.learnerId);
            return { status: "linked" as const, mergedLearnerId: account.learnerId, moved };
          },
          { maxWait: 10_000, timeout: 60_000 },
        )
        .catch((error: unknown) => {
          if (error instanceof StaleCode) return { status: "stale" as const };
          throw error;
        });
    },
  };
}

/** Thrown inside the transaction to roll it back when the code can no longer be used. */
class StaleCode extends Error {}

/**
 * Moves everything of learner `from` into learner `to` and deletes `from`. Rows whose unique
 * key `to` already holds stay behind and go with `from` (cascade): `to`'s records win.
 */
async function mergeLearner(tx: Tx, from: string, to: string): Promise<MergeCounts> {
  const accounts = await tx.account.updateMany({
    where: { learnerId: from },
    data: { learnerId: to },
  });
  const { enrollments, lessons } = await mergeEnrollments(tx, from, to);
  const reopened = await rekeyOpenAttempts(tx, from, to);
  const attempts = await tx.attempt.updateMany({
    where: { learnerId: from },
    data: { learnerId: to },
  });
  await tx.answer.updateMany({ where: { learnerId: from }, data: { learnerId: to } });
  const certificates = await moveCertificates(tx, from, to);
  await moveKeyedRows(tx, from, to);
  await moveOwnedRows(tx, from, to);
  await mergeTutorUsage(tx, from, to);
  await mergeStreak(tx, from, to);
  await tx.learner.delete({ where: { id: from } });
  return {
    accounts: accounts.count,
    enrollments,
    lessons,
    attempts: attempts.count + reopened,
    certificates,
  };
}

/**
 * Open attempts move under new ids: processes remember open attempts (with their learner) by
 * id, so the old id is simply never current again and `/quiz` resumes from the new row.
 */
async function rekeyOpenAttempts(tx: Tx, from: string, to: string): Promise<number> {
  const open = await tx.attempt.findMany({ where: { learnerId: from, status: "open" } });
  for (const attempt of open) {
    const id = newId();
    await tx.attempt.create({ data: { ...attempt, id, learnerId: to } });
    await tx.answer.updateMany({
      where: { attemptId: attempt.id },
      data: { attemptId: id, learnerId: to },
    });
    await tx.attempt.delete({ where: { id: attempt.id } });
  }
  return open.length;
}

/**
 * Enrollments in courses `to` lacks move whole (Progress hangs off them). For a course both
 * study, the lessons only `from` has progress in join `to`'s enrollment.
 */
async function mergeEnrollments(tx: Tx, from: string, to: string) {
  const kept = await tx.enrollment.findMany({ where: { learnerId: to } });
  const keptByCourse = new Map(kept.map((row) => [row.courseId, row.id]));
  const moving = await tx.enrollment.findMany({
    where: { learnerId: from },
    select: { id: true, courseId: true, _count: { select: { progress: true } } },
  });
  let enrollments = 0;
  let lessons = 0;
  for (const enrollment of moving) {
    const target = keptByCourse.get(enrollment.courseId);
    if (!target) {
      enrollments++;
      lessons += enrollment._count.progress;
      continue;
    }
    const known = await tx.progress.findMany({ where: { enrollmentId: target } });
    const joined = await tx.progress.updateMany({
      where: { enrollmentId: enrollment.id, lessonId: { notIn: known.map((p) => p.lessonId) } },
      data: { enrollmentId: target },
    });
    lessons += joined.count;
  }
  await tx.enrollment.updateMany({
    where: { learnerId: from, courseId: { notIn: [...keptByCourse.keys()] } },
    data: { learnerId: to },
  });
  return { enrollments, lessons };
}

async function moveCertificates(tx: Tx, from: string, to: string): Promise<number> {
  const held = await tx.certificate.findMany({
    where: { learnerId: to },
    select: { courseId: true },
  });
  const moved = await tx.certificate.updateMany({
    where: { learnerId: from, courseId: { notIn: held.map((row) => row.courseId) } },
    data: { learnerId: to },
  });
  return moved.count;
}

/** Rows unique per learner and something else: moved where `to` has no row for that thing. */
async function moveKeyedRows(tx: Tx, from: string, to: string): Promise<void> {
  const mine = { learnerId: to };
  const exercises = await tx.exerciseResult.findMany({ where: mine, select: { exerciseId: true } });
  await tx.exerciseResult.updateMany({
    where: { learnerId: from, exerciseId: { notIn: exercises.map((r) => r.exerciseId) } },
    data: mine,
  });
  const questions = await tx.reviewItem.findMany({ where: mine, select: { questionId: true } });
  await tx.reviewItem.updateMany({
    where: { learnerId: from, questionId: { notIn: questions.map((r) => r.questionId) } },
    data: mine,
  });
  const reviewed = await tx.review.findMany({ where: mine, select: { courseId: true } });
  await tx.review.updateMany({
    where: { learnerId: from, courseId: { notIn: reviewed.map((r) => r.courseId) } },
    data: mine,
  });
  const groups = await tx.studyGroupMember.findMany({ where: mine, select: { groupId: true } });
  await tx.studyGroupMember.updateMany({
    where: { learnerId: from, groupId: { notIn: groups.map((r) => r.groupId) } },
    data: mine,
  });
  const events = await tx.eventRsvp.findMany({ where: mine, select: { eventId: true } });
  await tx.eventRsvp.updateMany({
    where: { learnerId: from, eventId: { notIn: events.map((r) => r.eventId) } },
    data: mine,
  });
  const staff = await tx.courseStaff.findMany({ where: mine, select: { courseId: true } });
  await tx.courseStaff.updateMany({
    where: { learnerId: from, courseId: { notIn: staff.map((r) => r.courseId) } },
    data: mine,
  });
}

/** Rows with no unique key on the learner: all of them move. */
async function moveOwnedRows(tx: Tx, from: string, to: string): Promise<void> {
  const where = { learnerId: from };
  const data = { learnerId: to };
  await tx.submission.updateMany({ where, data });
  await tx.feedback.updateMany({ where, data });
  await tx.delivery.updateMany({ where, data });
  await tx.analyticsEvent.updateMany({ where, data });
  await tx.announcement.updateMany({ where: { authorId: from }, data: { authorId: to } });
  await tx.event.updateMany({ where: { createdById: from }, data: { createdById: to } });
}

/** Tutor questions of the same day add up, so linking never refills the daily budget. */
async function mergeTutorUsage(tx: Tx, from: string, to: string): Promise<void> {
  const rows = await tx.tutorUsage.findMany({ where: { learnerId: from } });
  for (const row of rows) {
    await tx.tutorUsage.upsert({
      where: { learnerId_day: { learnerId: to, day: row.day } },
      create: { learnerId: to, day: row.day, questions: row.questions, tokens: row.tokens },
      update: { questions: { increment: row.questions }, tokens: { increment: row.tokens } },
    });
  }
}

/** The streak that reaches the later day is the learner's real one. */
async function mergeStreak(tx: Tx, from: string, to: string): Promise<void> {
  const select = { streakDays: true, streakLastDate: true, lastActiveAt: true } as const;
  const source = await tx.learner.findUniqueOrThrow({ where: { id: from }, select });
  const target = await tx.learner.findUniqueOrThrow({ where: { id: to }, select });
  const later = (source.streakLastDate ?? "") > (target.streakLastDate ?? "");
  await tx.learner.update({
    where: { id: to },
    data: {
      ...(later ? { streakDays: source.streakDays, streakLastDate: source.streakLastDate } : {}),
      lastActiveAt: new Date(
        Math.max(source.lastActiveAt.getTime(), target.lastActiveAt.getTime()),
      ),
    },
  });
}
