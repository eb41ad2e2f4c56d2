import type { Platform, Reply } from "../messages.js";

/** What a delivery is for; stored in Delivery.kind. */
export type DeliveryKind = "lesson" | "reminder" | "streak" | "announcement" | "event";

/** A message to send later, written by the planner, reminders or announcements. */
export interface NewDelivery {
  /** Unique per message; a second row with the same key is silently skipped. */
  idempotencyKey: string;
  learnerId: string | null;
  platform: Platform;
  /** Chat or user id on the platform (the account's chatId). */
  target: string;
  kind: DeliveryKind;
  courseId: string | null;
  /** Platform-neutral replies to send, in order. */
  payload: Reply[];
  /** When it may be sent. */
  dueAt: Date;
}

/** A delivery claimed by one dispatcher, ready to send. */
export interface ClaimedDelivery {
  id: string;
  platform: Platform;
  target: string;
  kind: string;
  learnerId: string | null;
  /** The stored JSON of the replies. */
  payload: string;
  /** Send attempts so far, this one included. */
  attempts: number;
}

/** Parameters of one claim. */
export interface ClaimRequest {
  platform: Platform;
  /** Unique per claim; rows claimed are stamped with it. */
  claimToken: string;
  /** Most rows to claim. */
  limit: number;
  now: Date;
  /** A row claimed longer ago than this by a process that never finished it is claimable again. */
  leaseMs: number;
}

/** Delivery counts by status, for benchmarks and the dashboard. */
export type DeliveryCounts = Record<string, number>;

/** Delivery rows: the durable queue between the planners and the dispatchers. */
export interface DeliveryStore {
  /** Inserts rows, skipping any whose idempotency key exists; returns how many were inserted. */
  enqueue(rows: NewDelivery[]): Promise<number>;
  /**
   * Atomically claims due rows of a platform (pending or failed with nextAttemptAt <= now, or
   * sending with an expired lease), counting one attempt on each, oldest due first.
   */
  claim(request: ClaimRequest): Promise<ClaimedDelivery[]>;
  /** Records that rows were sent. */
  markSent(ids: string[], at: Date): Promise<void>;
  /**
   * Puts a row back to be sent at `at`. A rate-limited try (`countAttempt` false) does not
   * count as an attempt; a failed one is recorded as "failed" with its error.
   */
  retryLater(id: string, at: Date, error: string, countAttempt: boolean): Promise<void>;
  /** Gives up on a row for good. */
  markDead(id: string, error: string): Promise<void>;
  /**
   * Skips every unsent row to `target`, claimed ones included (the recipient cannot be reached);
   * returns how many.
   */
  skipTarget(platform: Platform, target: string, reason: string): Promise<number>;
  /** The account whose direct-message chat is `target`, or null. */
  accountForTarget(platform: Platform, target: string): Promise<string | null>;
  /** Rows by status, optionally for one kind. */
  counts(kind?: DeliveryKind): Promise<DeliveryCounts>;
}

/** The course an announcement is for. */
export interface AnnouncementCourse {
  id: string;
  slug: string;
  title: string;
}

/** What {@link AnnouncementStore.publish} writes. */
export interface AnnouncementDraft {
  /** Chosen when the preview is shown, so that a second "Send" cannot publish twice. */
  id: string;
  courseId: string;
  authorId: string;
  text: string;
  /** The replies every learner receives. */
  payload: Reply[];
  at: Date;
}

/** Courses, their staff and their enrolled learners, for instructor announcements. */
export interface AnnouncementStore {
  /** The course with this slug, or null. */
  findCourse(slug: string): Promise<AnnouncementCourse | null>;
  /** True when the learner is on the course's staff (CourseStaff row). */
  isStaff(courseId: string, learnerId: string): Promise<boolean>;
  /** Learners enrolled (active or completed) in the course. */
  countRecipients(courseId: string): Promise<number>;
  /**
   * In one transaction: the Announcement row and one delivery per enrolled learner per
   * reachable account (key `announce:<id>:<accountId>`). Null when `id` was published already.
   */
  publish(draft: AnnouncementDraft): Promise<{ learners: number; deliveries: number } | null>;
}
