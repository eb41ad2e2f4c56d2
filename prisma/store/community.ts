import { newId } from "../../core/ids.js";
import type { Platform } from "../../core/messages.js";
import type {
  EventRecord,
  EventStore,
  GroupMember,
  StaffStore,
  StudyGroupRecord,
  StudyGroupStore,
} from "../../core/ports/community.js";
import type { Db } from "../database.js";
import { isUniqueViolation } from "./accounts.js";

const groupInclude = { _count: { select: { members: true } } } as const;

type GroupRow = {
  id: string;
  courseId: string;
  name: string;
  platform: string;
  externalId: string;
  timeZone: string;
  _count: { members: number };
};

function toGroup(row: GroupRow): StudyGroupRecord {
  const { _count, ...rest } = row;
  return { ...rest, platform: rest.platform as Platform, memberCount: _count.members };
}

/** {@link StudyGroupStore} on Prisma. */
export function createStudyGroupStore(db: Db): StudyGroupStore {
  const byPlace = (platform: Platform, externalId: string) =>
    db.studyGroup.findUnique({
      where: { platform_externalId: { platform, externalId } },
      include: groupInclude,
    });

  return {
    async create(input) {
      const existing = await byPlace(input.platform, input.externalId);
      if (existing) return { group: toGroup(existing), created: false };
      try {
        const row = await db.studyGroup.create({
          data: {
            id: newId(),
            courseId: input.courseId,
            name: input.name.slice(0, 100),
            platform: input.platform,
            externalId: input.externalId,
            timeZone: input.timeZone,
            members: { create: { learnerId: input.organizerId, role: "organizer" } },
          },
          include: groupInclude,
        });
        return { group: toGroup(row), created: true };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const row = await byPlace(input.platform, input.externalId);
        return { group: toGroup(row!), created: false };
      }
    },

    async findByPlace(platform, externalId) {
      const row = await byPlace(platform, externalId);
      return row ? toGroup(row) : null;
    },

    async get(groupId) {
      const row = await db.studyGroup.findUnique({ where: { id: groupId }, include: groupInclude });
      return row ? toGroup(row) : null;
    },

    async listForCourse(courseId) {
      const rows = await db.studyGroup.findMany({ where: { courseId }, include: groupInclude });
      return rows.map(toGroup).sort((a, b) => b.memberCount - a.memberCount);
    },

    async listForLearner(learnerId) {
      const rows = await db.studyGroup.findMany({
        where: { members: { some: { learnerId } } },
        include: groupInclude,
        orderBy: { createdAt: "asc" },
      });
      return rows.map(toGroup);
    },

    async addMember(groupId, learnerId, role = "member") {
      try {
        await db.studyGroupMember.create({ data: { groupId, learnerId, role } });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },

    async removeMember(groupId, learnerId) {
      const { count } = await db.studyGroupMember.deleteMany({ where: { groupId, learnerId } });
      return count > 0;
    },

    async movePlace(platform, fromId, toId) {
      return db.$transaction(async (tx) => {
        const { count } = await tx.studyGroup.updateMany({
          where: { platform, externalId: fromId },
          data: { externalId: toId },
        });
        await tx.delivery.updateMany({
          where: { platform, target: fromId, status: { in: ["pending", "failed", "sending"] } },
          data: { target: toId },
        });
        return count > 0;
      });
    },

    async members(groupId) {
      const rows = await db.studyGroupMember.findMany({
        where: { groupId },
        include: { learner: { select: { displayName: true } } },
        orderBy: { joinedAt: "asc" },
      });
      return rows
        .map((row) => ({
          learnerId: row.learnerId,
          displayName: row.learner.displayName,
          role: row.role as GroupMember["role"],
        }))
        .sort((a, b) => Number(b.role === "organizer") - Number(a.role === "organizer"));
    },
  };
}

const eventInclude = { rsvps: { select: { status: true } } } as const;

type EventRow = {
  id: string;
  courseId: string | null;
  title: string;
  description: string;
  startsAt: Date;
  durationMinutes: number;
  location: string | null;
  platform: string | null;
  externalId: string | null;
  cancelledAt: Date | null;
  rsvps: Array<{ status: string }>;
};

function toEvent(row: EventRow): EventRecord {
  const { rsvps, ...rest } = row;
  return {
    ...rest,
    platform: rest.platform as Platform | null,
    going: rsvps.filter((r) => r.status === "going").length,
    interested: rsvps.filter((r) => r.status === "interested").length,
  };
}

/** {@link EventStore} on Prisma. */
export function createEventStore(db: Db): EventStore {
  return {
    async create(input) {
      const row = await db.event.create({
        data: {
          id: newId(),
          courseId: input.courseId,
          title: input.title,
          description: input.description,
          startsAt: input.startsAt,
          durationMinutes: input.durationMinutes,
          location: input.location,
          createdById: input.createdById,
          platform: input.platform ?? null,
          externalId: input.externalId ?? null,
        },
        include: eventInclude,
      });
      return toEvent(row);
    },

    async get(eventId) {
      const row = await db.event.findUnique({ where: { id: eventId }, include: eventInclude });
      return row ? toEvent(row) : null;
    },

    async findByExternal(platform, externalId) {
      const row = await db.event.findFirst({
        where: { platform, externalId },
        include: eventInclude,
      });
      return row ? toEvent(row) : null;
    },

    async upcoming(from, courseIds, limit) {
      const rows = await db.event.findMany({
        where: {
          startsAt: { gte: from },
          cancelledAt: null,
          OR: [{ courseId: null }, { courseId: { in: courseIds } }],
        },
        include: eventInclude,
        orderBy: { startsAt: "asc" },
        take: limit,
      });
      return rows.map(toEvent);
    },

    async rsvp(eventId, learnerId, status) {
      await db.eventRsvp.upsert({
        where: { eventId_learnerId: { eventId, learnerId } },
        create: { eventId, learnerId, status },
        update: { status },
      });
    },

    async attendees(eventId) {
      const rows = await db.eventRsvp.findMany({
        where: { eventId, status: { in: ["going", "interested"] } },
        select: { learnerId: true },
      });
      return rows.map((row) => row.learnerId);
    },

    async startingBetween(from, to) {
      const rows = await db.event.findMany({
        where: { startsAt: { gte: from, lt: to }, cancelledAt: null },
        include: eventInclude,
        orderBy: { startsAt: "asc" },
      });
      return rows.map(toEvent);
    },

    async cancel(eventId, at) {
      await db.event.update({ where: { id: eventId }, data: { cancelledAt: at } });
    },
  };
}

/** {@link StaffStore} on Prisma. */
export function createStaffStore(db: Db): StaffStore {
  return {
    async isStaff(courseId, learnerId) {
      const row = await db.courseStaff.findUnique({
        where: { courseId_learnerId: { courseId, learnerId } },
      });
      return row !== null;
    },
    async enrolledCourseIds(learnerId) {
      const rows = await db.enrollment.findMany({
        where: { learnerId, status: { in: ["active", "completed"] } },
        select: { courseId: true },
      });
      return rows.map((row) => row.courseId);
    },
  };
}

/** Looks up learners' time zones ("UTC" for an unknown learner), for local times in messages. */
export function learnerTimeZones(db: Db): (learnerId: string) => Promise<string> {
  return async (learnerId) => {
    const row = await db.learner.findUnique({
      where: { id: learnerId },
      select: { timeZone: true },
    });
    return row?.timeZone ?? "UTC";
  };
}
