import type { TutorUsageStore } from "../../core/ports/tutor.js";
import type { Db } from "../database.js";
import { isUniqueViolation } from "./accounts.js";

/**
 * {@link TutorUsageStore} on Prisma. A question is counted by a conditional increment, so two
 * questions at once (or two processes) can never pass the daily limit together.
 */
export function createTutorUsageStore(db: Db): TutorUsageStore {
  async function ensureRow(learnerId: string, day: string): Promise<void> {
    try {
      await db.tutorUsage.upsert({
        where: { learnerId_day: { learnerId, day } },
        create: { learnerId, day },
        update: {},
      });
    } catch (error) {
      // Another question created the row at the same moment.
      if (!isUniqueViolation(error)) throw error;
    }
  }

  return {
    async reserve(learnerId, day, limit) {
      await ensureRow(learnerId, day);
      const counted = await db.tutorUsage.updateMany({
        where: { learnerId, day, questions: { lt: limit } },
        data: { questions: { increment: 1 } },
      });
      const row = await db.tutorUsage.findUniqueOrThrow({
        where: { learnerId_day: { learnerId, day } },
      });
      return { reserved: counted.count === 1, used: row.questions };
    },

    async release(learnerId, day) {
      await db.tutorUsage.updateMany({
        where: { learnerId, day, questions: { gt: 0 } },
        data: { questions: { decrement: 1 } },
      });
    },

    async addTokens(learnerId, day, tokens) {
      await db.tutorUsage.updateMany({
        where: { learnerId, day },
        data: { tokens: { increment: Math.max(0, Math.round(tokens)) } },
      });
    },
  };
}
