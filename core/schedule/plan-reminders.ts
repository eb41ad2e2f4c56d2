import { DateTime } from "luxon";
import type { Clock } from "../clock.js";
import type { Logger } from "../logger.js";
import type { Reply } from "../messages.js";
import type { DeliveryKind, DeliveryStore, NewDelivery } from "../ports/deliveries.js";
import type { DeliveryAccount, ReminderCandidate, ReminderStore } from "../ports/schedule.js";

/** When reminders go out; defaults are in {@link DEFAULT_REMINDER_POLICY}. */
export interface ReminderPolicy {
  /** Days without activity before the first nudge. */
  idleDays: number;
  /** Nudges in a row without an answer after which nudging stops. */
  maxUnansweredNudges: number;
  /** Local minute of the day from which the streak-at-risk reminder is sent (before midnight). */
  streakMinute: number;
}

/** Idle for 3 days, at most 3 unanswered nudges, streak reminder from 20:00 local time. */
export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  idleDays: 3,
  maxUnansweredNudges: 3,
  streakMinute: 20 * 60,
};

/** Dependencies of {@link createReminderPlanner}. */
export interface ReminderPlannerDeps {
  reminders: ReminderStore;
  deliveries: DeliveryStore;
  clock: Clock;
  logger: Logger;
  policy?: ReminderPolicy;
}

/** What one reminder run wrote. */
export interface ReminderStats {
  nudges: number;
  streaks: number;
}

/** Plans idle nudges and streak-at-risk reminders; run with the lesson planner. */
export interface ReminderPlanner {
  run(): Promise<ReminderStats>;
}

const DAY_MS = 86_400_000;

function rows(
  candidate: ReminderCandidate,
  kind: DeliveryKind,
  key: string,
  payload: Reply[],
  dueAt: Date,
): NewDelivery[] {
  return candidate.accounts.map((account: DeliveryAccount) => ({
    idempotencyKey: `${key}:${account.id}`,
    learnerId: candidate.learnerId,
    platform: account.platform,
    target: account.chatId,
    kind,
    courseId: null,
    payload,
    dueAt,
  }));
}

function nudgeText(candidate: ReminderCandidate, now: Date): Reply[] {
  const days = Math.floor((now.getTime() - candidate.lastActiveAt.getTime()) / DAY_MS);
  return [
    {
      text: `It has been ${days} days since your last lesson. Five minutes today keeps it fresh: send /next to pick up where you left off. (/settings pause stops reminders.)`,
    },
  ];
}

function streakText(candidate: ReminderCandidate): Reply[] {
  return [
    {
      text: `Your ${candidate.streakDays}-day streak ends at midnight. One part of a lesson keeps it going: send /next.`,
    },
  ];
}

/**
 * Reminder planner. An idle learner studying on demand (no scheduled lessons) is nudged at their
 * lesson time, at most once per local day, and no more after `maxUnansweredNudges` nudges without activity (any message resets
 * the count). A learner with a streak who has not studied today is reminded in the evening.
 */
export function createReminderPlanner(deps: ReminderPlannerDeps): ReminderPlanner {
  const policy = deps.policy ?? DEFAULT_REMINDER_POLICY;
  const log = deps.logger.child({ job: "reminders" });

  async function nudge(candidate: ReminderCandidate, now: Date, idleSince: Date): Promise<number> {
    const zone = candidate.settings.timeZone;
    const local = DateTime.fromJSDate(now, { zone });
    const today = local.toISODate()!;
    // Scheduled lessons already reach this learner every study day; a nudge would repeat them.
    if (candidate.settings.scheduleEnabled) return 0;
    if (candidate.lastActiveAt > idleSince) return 0;
    if (candidate.nudgesUnanswered >= policy.maxUnansweredNudges) return 0;
    if (local.hour * 60 + local.minute < candidate.settings.lessonMinute) return 0;
    const lastNudge = candidate.lastNudgeAt
      ? DateTime.fromJSDate(candidate.lastNudgeAt, { zone }).toISODate()
      : null;
    if (lastNudge === today) return 0;
    const key = `nudge:${candidate.learnerId}:${today}`;
    const written = rows(candidate, "reminder", key, nudgeText(candidate, now), now);
    return deps.reminders.recordNudge(candidate.learnerId, written, now);
  }

  async function streak(candidate: ReminderCandidate, now: Date): Promise<number> {
    if (candidate.streakDays <= 0 || candidate.streakLastDate === null) return 0;
    const local = DateTime.fromJSDate(now, { zone: candidate.settings.timeZone });
    if (local.hour * 60 + local.minute < policy.streakMinute) return 0;
    // Only a streak that counted yesterday and not yet today is at risk tonight.
    if (candidate.streakLastDate !== local.minus({ days: 1 }).toISODate()) return 0;
    const key = `streak:${candidate.learnerId}:${local.toISODate()}`;
    return deps.deliveries.enqueue(rows(candidate, "streak", key, streakText(candidate), now));
  }

  return {
    async run() {
      const now = deps.clock.now();
      const idleSince = new Date(now.getTime() - policy.idleDays * DAY_MS);
      const stats: ReminderStats = { nudges: 0, streaks: 0 };
      for (const candidate of await deps.reminders.listCandidates(idleSince)) {
        try {
          if ((await nudge(candidate, now, idleSince)) > 0) stats.nudges++;
          if ((await streak(candidate, now)) > 0) stats.streaks++;
        } catch (error) {
          log.error({ err: error, learner: candidate.learnerId }, "reminder planning failed");
        }
      }
      if (stats.nudges + stats.streaks > 0) log.info({ ...stats }, "reminders planned");
      return stats;
    },
  };
}
