import type { Clock } from "../clock.js";
import type { Logger } from "../logger.js";
import type { ScheduledEnrollment, ScheduleStore } from "../ports/schedule.js";
import { renderScheduledLesson } from "./render-lesson.js";
import { latestDueSlot, previousSlot, type Slot } from "./slots.js";

/** Dependencies of {@link createLessonPlanner}. */
export interface LessonPlannerDeps {
  schedule: ScheduleStore;
  clock: Clock;
  logger: Logger;
  /** A lesson planned later than this after its time becomes a catch-up message (default a day). */
  lateAfterMs?: number;
}

/** What one planner run wrote. */
export interface PlanStats {
  /** Slots planned (one per enrollment per slot). */
  planned: number;
  /** Of those, merged "where you left off" catch-ups. */
  catchUps: number;
  /** Delivery rows written (one per reachable account). */
  deliveries: number;
}

/** Plans scheduled lessons; run every minute and once at start-up. */
export interface LessonPlanner {
  run(): Promise<PlanStats>;
}

const DAY_MS = 86_400_000;
/** How far back already-planned slots are read: longer than any gap between study days. */
const LOOKBACK_MS = 9 * DAY_MS;

/** The idempotency key prefix of a slot: learner, course and the learner's local date. */
export function lessonSlotKey(learnerId: string, courseId: string, slot: Slot): string {
  return `lesson:${learnerId}:${courseId}:${slot.localDate}:${slot.index}`;
}

/** "learnerId:courseId" of every enrollment with a lesson among `planned` slot keys. */
function enrollmentsWithLessons(planned: Set<string>): Set<string> {
  return new Set([...planned].map((key) => key.split(":").slice(1, 3).join(":")));
}

/**
 * The lesson planner. For each enrollment it plans only the latest due slot: a slot missed
 * while the process was down is not replayed, it is merged into one "where you left off"
 * message, so a clock jump or a long outage never floods a learner.
 */
export function createLessonPlanner(deps: LessonPlannerDeps): LessonPlanner {
  const lateAfterMs = deps.lateAfterMs ?? DAY_MS;
  const log = deps.logger.child({ job: "lesson-planner" });

  async function planOne(
    enrollment: ScheduledEnrollment,
    planned: Set<string>,
    started: Set<string>,
    now: Date,
    stats: PlanStats,
  ) {
    const { learnerId, courseId, settings } = enrollment;
    const slot = latestDueSlot(settings, now);
    if (!slot || slot.at < enrollment.enrolledAt) return;
    const slotKey = lessonSlotKey(learnerId, courseId, slot);
    if (planned.has(slotKey)) return;

    // Missed: this enrollment had scheduled lessons before, and the one before this was skipped
    // (the process was down). A learner who just turned the schedule on has missed nothing.
    const previous = previousSlot(settings, slot);
    const missed =
      previous !== null &&
      previous.at >= enrollment.enrolledAt &&
      started.has(`${learnerId}:${courseId}`) &&
      !planned.has(lessonSlotKey(learnerId, courseId, previous));
    const catchUp = missed || now.getTime() - slot.at.getTime() > lateAfterMs;
    const written = await deps.schedule.planLesson({
      learnerId,
      courseId,
      slotKey,
      dueAt: catchUp ? now : slot.at,
      accounts: enrollment.accounts,
      render: (content) => renderScheduledLesson(content, catchUp),
    });
    planned.add(slotKey);
    if (written === 0) return;
    stats.planned++;
    stats.deliveries += written;
    if (catchUp) stats.catchUps++;
  }

  return {
    async run() {
      const now = deps.clock.now();
      const stats: PlanStats = { planned: 0, catchUps: 0, deliveries: 0 };
      const enrollments = await deps.schedule.listScheduled();
      const learnerIds = [...new Set(enrollments.map((e) => e.learnerId))];
      const planned = await deps.schedule.plannedSlots(
        learnerIds,
        new Date(now.getTime() - LOOKBACK_MS),
      );
      const started = enrollmentsWithLessons(planned);
      for (const enrollment of enrollments) {
        try {
          await planOne(enrollment, planned, started, now, stats);
        } catch (error) {
          log.error(
            { err: error, learner: enrollment.learnerId, course: enrollment.courseId },
            "planning failed",
          );
        }
      }
      if (stats.planned > 0) log.info({ ...stats }, "lessons planned");
      return stats;
    },
  };
}
