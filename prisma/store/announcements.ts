import type { Platform } from "../../core/messages.js";
import type { AnnouncementStore } from "../../core/ports/deliveries.js";
import type { Db } from "../database.js";
import { isUniqueViolation } from "./accounts.js";
import { deliveryRow } from "./deliveries.js";

/** Enrollments that still hear from the course. */
const ENROLLED = ["active", "completed"];

/** {@link AnnouncementStore} on Prisma. */
export function createAnnouncementStore(db: Db): AnnouncementStore {
  return {
    async findCourse(slug) {
      return db.course.findUnique({
        where: { slug },
        select: { id: true, slug: true, title: true },
      });
    },

    async isStaff(courseId, learnerId) {
      const row = await db.courseStaff.findUnique({
        where: { courseId_learnerId: { courseId, learnerId } },
      });
      return row !== null;
    },

    async countRecipients(courseId) {
      return db.enrollment.count({ where: { courseId, status: { in: ENROLLED } } });
    },

    async publish(draft) {
      try {
        return await db.$transaction(async (tx) => {
          await tx.announcement.create({
            data: {
              id: draft.id,
              courseId: draft.courseId,
              authorId: draft.authorId,
              text: draft.text,
              createdAt: draft.at,
            },
          });
          const enrollments = await tx.enrollment.findMany({
            where: { courseId: draft.courseId, status: { in: ENROLLED } },
            select: {
              learnerId: true,
              learner: {
                select: {
                  accounts: {
                    where: { reachable: true, chatId: { not: null } },
                    select: { id: true, platform: true, chatId: true },
                  },
                },
              },
            },
          });
          const rows = enrollments.flatMap((enrollment) =>
            enrollment.learner.accounts.map((account) =>
              deliveryRow({
                idempotencyKey: `announce:${draft.id}:${account.id}`,
                learnerId: enrollment.learnerId,
                platform: account.platform as Platform,
                target: account.chatId!,
                kind: "announcement",
                courseId: draft.courseId,
                payload: draft.payload,
                dueAt: draft.at,
              }),
            ),
          );
          for (let i = 0; i < rows.length; i += 1000) {
            await tx.delivery.createMany({ data: rows.slice(i, i + 1000) });
          }
          return { learners: enrollments.length, deliveries: rows.length };
        });
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    },
  };
}
