import type { Platform } from "../../core/messages.js";
import type {
  DeliveryAccount,
  LessonPlan,
  ReminderStore,
  ScheduledLessonContent,
  ScheduleStore,
} from "../../core/ports/schedule.js";
import type { Db } from "../database.js";
import { isUniqueViolation } from "./accounts.js";
import { deliveryRow } from "./deliveries.js";
import { parseStudyDays, settingsSelect } from "./settings.js";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const reachable = { reachable: true, chatId: { not: null } } as const;
const accountSelect = { id: true, platform: true, chatId: true } as const;

function toAccounts(rows: Array<{ id: string; platform: string; chatId: string | null }>) {
  return rows.map(
    (row): DeliveryAccount => ({
      id: row.id,
      platform: row.platform as Platform,
      chatId: row.chatId!,
    }),
  );
}

/** Where the next scheduled lesson starts, and what the position becomes after it. */
interface NextLesson {
  content: ScheduledLessonContent;
  lessonId: string;
  partsTotal: number;
}

/**
 * Reads the lesson at the enrollment's position (Enrollment.currentLesson/currentPart): the
 * rest of the current lesson, or the next lesson when the current one has been read through.
 */
async function readNextLesson(
  tx: Tx,
  learnerId: string,
  courseId: string,
): Promise<NextLesson | null> {
  const enrollment = await tx.enrollment.findUnique({
    where: { learnerId_courseId: { learnerId, courseId } },
    include: { course: { select: { title: true, slug: true } } },
  });
  if (!enrollment) return null;
  const lessons = await tx.lesson.findMany({
    where: { courseId },
    orderBy: { position: "asc" },
    select: {
      id: true,
      key: true,
      title: true,
      _count: { select: { parts: true } },
      quiz: { select: { id: true } },
    },
  });
  let index = lessons.findIndex((lesson) => lesson.key === enrollment.currentLesson);
  let firstPart = index >= 0 ? enrollment.currentPart : 0;
  if (index < 0) index = 0;
  else if (firstPart >= lessons[index]!._count.parts) {
    index += 1;
    firstPart = 0;
  }
  const lesson = lessons[index];
  if (!lesson) return null;
  const parts = await tx.lessonPart.findMany({
    where: { lessonId: lesson.id, position: { gte: firstPart } },
    orderBy: { position: "asc" },
    select: { body: true },
  });
  return {
    lessonId: lesson.id,
    partsTotal: lesson._count.parts,
    content: {
      courseTitle: enrollment.course.title,
      courseSlug: enrollment.course.slug,
      lessonKey: lesson.key,
      lessonTitle: lesson.title,
      lessonNumber: index + 1,
      lessonCount: lessons.length,
      firstPart,
      parts: parts.map((part) => part.body),
      hasQuiz: lesson.quiz !== null,
    },
  };
}

/** Moves the enrollment past the lesson just planned and records the parts as seen. */
async function advancePosition(tx: Tx, plan: LessonPlan, next: NextLesson, at: Date) {
  const enrollment = await tx.enrollment.update({
    where: { learnerId_courseId: { learnerId: plan.learnerId, courseId: plan.courseId } },
    data: { currentLesson: next.content.lessonKey, currentPart: next.partsTotal },
    select: { id: true },
  });
  await tx.progress.upsert({
    where: { enrollmentId_lessonId: { enrollmentId: enrollment.id, lessonId: next.lessonId } },
    create: {
      enrollmentId: enrollment.id,
      lessonId: next.lessonId,
      partsSeen: next.partsTotal,
      partsTotal: next.partsTotal,
      updatedAt: at,
    },
    update: { partsSeen: next.partsTotal, partsTotal: next.partsTotal },
  });
}

/** {@link ScheduleStore} on Prisma. */
export function createScheduleStore(db: Db): ScheduleStore {
  return {
    async listScheduled() {
      const learners = await db.learner.findMany({
        where: {
          scheduleEnabled: true,
          paused: false,
          enrollments: { some: { status: "active" } },
          accounts: { some: reachable },
        },
        select: {
          id: true,
          ...settingsSelect,
          enrollments: {
            where: { status: "active" },
            select: { courseId: true, enrolledAt: true },
          },
          accounts: { where: reachable, select: accountSelect, orderBy: { createdAt: "asc" } },
        },
      });
      return learners.flatMap((learner) =>
        learner.enrollments.map((enrollment) => ({
          learnerId: learner.id,
          courseId: enrollment.courseId,
          enrolledAt: enrollment.enrolledAt,
          settings: { ...learner, studyDays: parseStudyDays(learner.studyDays) },
          accounts: toAccounts(learner.accounts),
        })),
      );
    },

    async plannedSlots(learnerIds, since) {
      const slots = new Set<string>();
      for (let i = 0; i < learnerIds.length; i += 500) {
        const rows = await db.delivery.findMany({
          where: {
            learnerId: { in: learnerIds.slice(i, i + 500) },
            kind: "lesson",
            dueAt: { gte: since },
          },
          select: { idempotencyKey: true },
        });
        for (const row of rows)
          slots.add(row.idempotencyKey.slice(0, row.idempotencyKey.lastIndexOf(":")));
      }
      return slots;
    },

    async planLesson(plan) {
      try {
        return await db.$transaction(async (tx) => {
          const next = await readNextLesson(tx, plan.learnerId, plan.courseId);
          // Nothing left to send: a skipped row marks the slot as planned, so it is not retried.
          const rows = next
            ? plan.accounts.map((account) => ({
                ...deliveryRow({
                  idempotencyKey: `${plan.slotKey}:${account.id}`,
                  learnerId: plan.learnerId,
                  platform: account.platform,
                  target: account.chatId,
                  kind: "lesson",
                  courseId: plan.courseId,
                  payload: plan.render(next.content),
                  dueAt: plan.dueAt,
                }),
              }))
            : [skippedRow(plan)];
          if (next) await advancePosition(tx, plan, next, plan.dueAt);
          await tx.delivery.createMany({ data: rows });
          return next ? rows.length : 0;
        });
      } catch (error) {
        // Another planner wrote this slot first; its transaction also moved the position.
        if (isUniqueViolation(error)) return 0;
        throw error;
      }
    },
  };
}

function skippedRow(plan: LessonPlan) {
  return {
    ...deliveryRow({
      idempotencyKey: `${plan.slotKey}:none`,
      learnerId: plan.learnerId,
      platform: plan.accounts[0]?.platform ?? "web",
      target: "",
      kind: "lesson",
      courseId: plan.courseId,
      payload: [],
      dueAt: plan.dueAt,
    }),
    status: "skipped",
    lastError: "course has no lesson left",
  };
}

/** {@link ReminderStore} on Prisma. */
export function createReminderStore(db: Db): ReminderStore {
  return {
    async listCandidates(idleSince) {
      const learners = await db.learner.findMany({
        where: {
          paused: false,
          enrollments: { some: { status: "active" } },
          accounts: { some: reachable },
          OR: [{ lastActiveAt: { lte: idleSince } }, { streakDays: { gt: 0 } }],
        },
        select: {
          id: true,
          ...settingsSelect,
          lastActiveAt: true,
          nudgesUnanswered: true,
          lastNudgeAt: true,
          streakDays: true,
          streakLastDate: true,
          accounts: { where: reachable, select: accountSelect, orderBy: { createdAt: "asc" } },
        },
      });
      return learners.map((learner) => ({
        learnerId: learner.id,
        settings: { ...learner, studyDays: parseStudyDays(learner.studyDays) },
        lastActiveAt: learner.lastActiveAt,
        nudgesUnanswered: learner.nudgesUnanswered,
        lastNudgeAt: learner.lastNudgeAt,
        streakDays: learner.streakDays,
        streakLastDate: learner.streakLastDate,
        accounts: toAccounts(learner.accounts),
      }));
    },

    async recordNudge(learnerId, rows, at) {
      try {
        return await db.$transaction(async (tx) => {
          await tx.delivery.createMany({ data: rows.map(deliveryRow) });
          await tx.learner.update({
            where: { id: learnerId },
            data: { nudgesUnanswered: { increment: 1 }, lastNudgeAt: at },
          });
          return rows.length;
        });
      } catch (error) {
        if (isUniqueViolation(error)) return 0;
        throw error;
      }
    },
  };
}
