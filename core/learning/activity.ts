import type { LearningStore } from "../ports/learning.js";
import { advanceStreak, localDate } from "./streak.js";

/** Counts study days for streaks, writing at most once per learner per local day. */
export interface ActivityTracker {
  /** Records that the learner studied at `now` (their local day in `timeZone`). */
  record(learnerId: string, timeZone: string, now: Date): Promise<void>;
}

/** Builds an {@link ActivityTracker}; it remembers the last counted day to skip repeat writes. */
export function createActivityTracker(learning: LearningStore): ActivityTracker {
  const counted = new Map<string, string>();
  return {
    async record(learnerId, timeZone, now) {
      const today = localDate(now, timeZone);
      if (counted.get(learnerId) === today) return;
      const streak = await learning.getStreak(learnerId);
      if (streak.lastDate !== today) {
        const next = advanceStreak(streak, today);
        await learning.saveStreak(learnerId, next.days, next.lastDate);
      }
      // A bound on memory; forgetting only costs one read per learner.
      if (counted.size >= 100_000) counted.clear();
      counted.set(learnerId, today);
    },
  };
}
