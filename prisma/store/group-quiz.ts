import { newId } from "../../core/ids.js";
import type { Platform } from "../../core/messages.js";
import type { GroupQuizStore, LeaderboardEntry, QuizGroup } from "../../core/ports/group-quiz.js";
import type { Db } from "../database.js";
import { isUniqueViolation } from "./accounts.js";

const groupSelect = {
  id: true,
  courseId: true,
  name: true,
  platform: true,
  externalId: true,
  timeZone: true,
} as const;

function toGroup(row: Omit<QuizGroup, "platform"> & { platform: string }): QuizGroup {
  return { ...row, platform: row.platform as Platform };
}

/** {@link GroupQuizStore} on Prisma: rounds, answers and the delivery row of each day's post. */
export function createGroupQuizStore(db: Db): GroupQuizStore {
  return {
    async listGroups() {
      const rows = await db.studyGroup.findMany({
        select: groupSelect,
        orderBy: { createdAt: "asc" },
      });
      return rows.map(toGroup);
    },

    async getGroup(groupId) {
      const row = await db.studyGroup.findUnique({ where: { id: groupId }, select: groupSelect });
      return row ? toGroup(row) : null;
    },

    countRounds: (groupId) => db.groupQuizRound.count({ where: { groupId } }),

    getRound: (roundId) => db.groupQuizRound.findUnique({ where: { id: roundId } }),

    latestRound: (groupId) =>
      db.groupQuizRound.findFirst({ where: { groupId }, orderBy: [{ day: "desc" }] }),

    async createRound({ round, post }) {
      const group = await db.studyGroup.findUniqueOrThrow({ where: { id: round.groupId } });
      try {
        await db.$transaction([
          db.groupQuizRound.create({ data: round }),
          db.delivery.create({
            data: {
              id: newId(),
              idempotencyKey: post.idempotencyKey,
              learnerId: null,
              platform: group.platform,
              target: group.externalId,
              kind: "group-quiz",
              courseId: group.courseId,
              payload: JSON.stringify(post.payload),
              dueAt: post.dueAt,
              nextAttemptAt: post.dueAt,
            },
          }),
        ]);
        return true;
      } catch (error) {
        // Another planner wrote this group's round for the day first.
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },

    async recordAnswer(answer) {
      try {
        await db.groupQuizAnswer.create({
          data: {
            roundId: answer.roundId,
            learnerId: answer.learnerId,
            choice: answer.choice,
            correct: answer.correct,
            createdAt: answer.at,
          },
        });
        return "recorded";
      } catch (error) {
        if (isUniqueViolation(error)) return "duplicate";
        throw error;
      }
    },

    async leaderboard(groupId, limit) {
      const rounds = await db.groupQuizRound.findMany({ where: { groupId }, select: { id: true } });
      const answers = await db.groupQuizAnswer.findMany({
        where: { roundId: { in: rounds.map((round) => round.id) } },
        select: { learnerId: true, correct: true },
      });
      const totals = new Map<string, { points: number; answered: number }>();
      for (const answer of answers) {
        const entry = totals.get(answer.learnerId) ?? { points: 0, answered: 0 };
        entry.answered++;
        if (answer.correct) entry.points++;
        totals.set(answer.learnerId, entry);
      }
      const learners = await db.learner.findMany({
        where: { id: { in: [...totals.keys()] } },
        select: { id: true, displayName: true },
      });
      const entries: LeaderboardEntry[] = learners.map((learner) => ({
        learnerId: learner.id,
        displayName: learner.displayName,
        ...totals.get(learner.id)!,
      }));
      entries.sort(
        (a, b) =>
          b.points - a.points ||
          a.answered - b.answered ||
          a.displayName.localeCompare(b.displayName),
      );
      return entries.slice(0, limit);
    },
  };
}
