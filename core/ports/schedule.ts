import type { Platform, Reply } from "../messages.js";
import type { NewDelivery } from "./deliveries.js";
import type { LearnerSettings } from "./settings.js";

/** A reachable account a scheduled message goes to. */
export interface DeliveryAccount {
  id: string;
  platform: Platform;
  /** Direct-message chat id. */
  chatId: string;
}

/** An active Enrollment of a learner with scheduled lessons on. */
export interface ScheduledEnrollment {
  learnerId: string;
  courseId: string;
  enrolledAt: Date;
  settings: LearnerSettings;
  accounts: DeliveryAccount[];
}

/** The lesson content a scheduled delivery carries, read at the learner's current position. */
export interface ScheduledLessonContent {
  courseTitle: string;
  courseSlug: string;
  lessonKey: string;
  lessonTitle: string;
  /** 1-based position of the lesson in the course and the number of lessons. */
  lessonNumber: number;
  lessonCount: number;
  /** Index of the first part included (0 when the lesson starts fresh). */
  firstPart: number;
  /** Bodies of the parts sent, in order (Markdown-lite). */
  parts: string[];
  /** The lesson has a quiz to take after reading. */
  hasQuiz: boolean;
}

/** One slot to plan for one enrollment. */
export interface LessonPlan {
  learnerId: string;
  courseId: string;
  /** Idempotency key prefix of the slot; each account's row appends ":<accountId>". */
  slotKey: string;
  dueAt: Date;
  accounts: DeliveryAccount[];
  /** Builds the replies from the content; null content means the course has nothing left. */
  render(content: ScheduledLessonContent): Reply[];
}

/** Reads and plans scheduled lessons. */
export interface ScheduleStore {
  /** Active enrollments of learners with scheduled lessons on, not paused, with a reachable account. */
  listScheduled(): Promise<ScheduledEnrollment[]>;
  /** Slot keys (without account suffix) of lessons planned for these learners since `since`. */
  plannedSlots(learnerIds: string[], since: Date): Promise<Set<string>>;
  /**
   * In one transaction: reads the learner's position, renders the next lesson, moves the
   * position past it and writes one delivery per account. Returns the rows written: 0 when
   * the slot was already planned (by this or another process) or the course has nothing left.
   */
  planLesson(plan: LessonPlan): Promise<number>;
}

/** A learner reminders may be sent to. */
export interface ReminderCandidate {
  learnerId: string;
  settings: LearnerSettings;
  lastActiveAt: Date;
  nudgesUnanswered: number;
  lastNudgeAt: Date | null;
  streakDays: number;
  /** Local date of the last day that counted for the streak. */
  streakLastDate: string | null;
  accounts: DeliveryAccount[];
}

/** Reads reminder candidates and records nudges. */
export interface ReminderStore {
  /**
   * Learners not paused, with an active enrollment and a reachable account, who were idle since
   * `idleSince` or have a streak.
   */
  listCandidates(idleSince: Date): Promise<ReminderCandidate[]>;
  /** Writes nudge deliveries and counts the nudge, once per key; returns the rows written. */
  recordNudge(learnerId: string, rows: NewDelivery[], at: Date): Promise<number>;
}
