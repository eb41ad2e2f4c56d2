import { NotFoundError } from "../../core/errors.js";
import type { LearnerSettings, SettingsStore } from "../../core/ports/settings.js";
import type { Db } from "../database.js";

/** The Learner columns that hold schedule settings. */
export const settingsSelect = {
  timeZone: true,
  lessonMinute: true,
  lessonsPerDay: true,
  studyDays: true,
  paused: true,
  scheduleEnabled: true,
} as const;

/** Parses the stored "1,3,5" form of study days. */
export function parseStudyDays(stored: string): number[] {
  return stored
    .split(",")
    .map((day) => Number(day.trim()))
    .filter((day) => Number.isInteger(day) && day >= 1 && day <= 7)
    .sort((a, b) => a - b);
}

function toSettings(row: {
  timeZone: string;
  lessonMinute: number;
  lessonsPerDay: number;
  studyDays: string;
  paused: boolean;
  scheduleEnabled: boolean;
}): LearnerSettings {
  return { ...row, studyDays: parseStudyDays(row.studyDays) };
}

/** {@link SettingsStore} on the Learner model. */
export function createSettingsStore(db: Db): SettingsStore {
  return {
    async get(learnerId) {
      const row = await db.learner.findUnique({ where: { id: learnerId }, select: settingsSelect });
      if (!row) throw new NotFoundError("Learner");
      return toSettings(row);
    },

    async rename(learnerId, displayName) {
      await db.learner.update({ where: { id: learnerId }, data: { displayName } });
    },

    async update(learnerId, patch) {
      const { studyDays, ...rest } = patch;
      const data = studyDays ? { ...rest, studyDays: studyDays.join(",") } : rest;
      const row = await db.learner.update({
        where: { id: learnerId },
        data,
        select: settingsSelect,
      });
      return toSettings(row);
    },
  };
}
