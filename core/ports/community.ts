import type { Platform } from "../messages.js";

/** A study group and the platform place (group chat, thread, channel) it lives in. */
export interface StudyGroupRecord {
  id: string;
  courseId: string;
  name: string;
  platform: Platform;
  /** Chat, thread or channel id on the platform. */
  externalId: string;
  timeZone: string;
  memberCount: number;
}

/** A member of a study group. */
export interface GroupMember {
  learnerId: string;
  displayName: string;
  role: "organizer" | "member";
}

/** Input for binding a platform place to a course as a study group. */
export interface NewStudyGroup {
  courseId: string;
  name: string;
  platform: Platform;
  externalId: string;
  timeZone: string;
  organizerId: string;
}

/** Study groups and their members. */
export interface StudyGroupStore {
  /** Creates the group for a platform place; `created` is false when the place already had one. */
  create(input: NewStudyGroup): Promise<{ group: StudyGroupRecord; created: boolean }>;
  /** The group living in a platform place, or null. */
  findByPlace(platform: Platform, externalId: string): Promise<StudyGroupRecord | null>;
  /** A group by id, or null. */
  get(groupId: string): Promise<StudyGroupRecord | null>;
  /** The groups of a course, largest first. */
  listForCourse(courseId: string): Promise<StudyGroupRecord[]>;
  /** The groups a learner belongs to. */
  listForLearner(learnerId: string): Promise<StudyGroupRecord[]>;
  /** Adds a member; false when they already were one. */
  addMember(groupId: string, learnerId: string, role?: GroupMember["role"]): Promise<boolean>;
  /** Removes a member; false when they were not one. */
  removeMember(groupId: string, learnerId: string): Promise<boolean>;
  /** Members, organizers first. */
  members(groupId: string): Promise<GroupMember[]>;
  /**
   * Follows a platform place to its new id (a Telegram group upgraded to a supergroup), with
   * the unsent deliveries addressed to it; false when no group lived there.
   */
  movePlace(platform: Platform, fromId: string, toId: string): Promise<boolean>;
}

/** A scheduled webinar or study session. */
export interface EventRecord {
  id: string;
  courseId: string | null;
  title: string;
  description: string;
  startsAt: Date;
  durationMinutes: number;
  location: string | null;
  platform: Platform | null;
  externalId: string | null;
  cancelledAt: Date | null;
  going: number;
  interested: number;
}

/** Input for a new event. */
export interface NewEvent {
  courseId: string | null;
  title: string;
  description: string;
  startsAt: Date;
  durationMinutes: number;
  location: string | null;
  createdById: string;
  platform?: Platform;
  externalId?: string;
}

/** A learner's answer to an event invitation. */
export type RsvpStatus = "going" | "interested" | "declined";

/** Events and RSVPs. */
export interface EventStore {
  /** Creates an event. */
  create(input: NewEvent): Promise<EventRecord>;
  /** An event by id, or null. */
  get(eventId: string): Promise<EventRecord | null>;
  /** The event created on a platform for `externalId` (a Discord scheduled event), or null. */
  findByExternal(platform: Platform, externalId: string): Promise<EventRecord | null>;
  /** Upcoming, not cancelled events starting after `from`, soonest first; of the given courses or general ones. */
  upcoming(from: Date, courseIds: string[], limit: number): Promise<EventRecord[]>;
  /** Sets a learner's RSVP. */
  rsvp(eventId: string, learnerId: string, status: RsvpStatus): Promise<void>;
  /** Learners who answered going or interested. */
  attendees(eventId: string): Promise<string[]>;
  /** Events starting within [from, to), for reminders. */
  startingBetween(from: Date, to: Date): Promise<EventRecord[]>;
  /** Marks an event cancelled. */
  cancel(eventId: string, at: Date): Promise<void>;
}

/** Who teaches which course. */
export interface StaffStore {
  /** True when the learner is listed as staff (instructor, assistant) of the course. */
  isStaff(courseId: string, learnerId: string): Promise<boolean>;
  /** Ids of the courses the learner is enrolled in (active or completed). */
  enrolledCourseIds(learnerId: string): Promise<string[]>;
}
