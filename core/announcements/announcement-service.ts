import type { Clock } from "../clock.js";
import { newId } from "../ids.js";
import type { Reply, SenderRoles } from "../messages.js";
import type { AnnouncementCourse, AnnouncementStore } from "../ports/deliveries.js";

/** Longest announcement text; adapters split long messages, but announcements stay short. */
export const MAX_ANNOUNCEMENT_LENGTH = 3000;

/** Who is announcing. */
export interface Announcer {
  learnerId: string;
  displayName: string;
  /** Roles the platform reports (server admin, instructor role). */
  roles?: SenderRoles;
}

/** A checked announcement waiting for the instructor's confirmation. */
export interface PreparedAnnouncement {
  draftId: string;
  course: AnnouncementCourse;
  text: string;
  recipients: number;
}

/** A result, or the learner-facing reason it was refused. */
export type AnnounceResult<T> = ({ ok: true } & T) | { ok: false; message: string };

/**
 * Instructor announcements as a service, used by `/announce` and by adapters' own flows
 * (a Slack modal, a Discord slash command): prepare checks and previews, publish writes the
 * Announcement and one delivery per enrolled learner per reachable account, once.
 */
export interface AnnouncementService {
  prepare(
    by: Announcer,
    courseSlug: string,
    text: string,
  ): Promise<AnnounceResult<PreparedAnnouncement>>;
  publish(
    by: Announcer,
    prepared: { draftId: string; courseId: string; courseTitle: string; text: string },
  ): Promise<AnnounceResult<{ learners: number; deliveries: number }>>;
}

/** Builds the announcement service on its store. */
export function createAnnouncementService(deps: {
  store: AnnouncementStore;
  clock: Clock;
}): AnnouncementService {
  async function mayAnnounce(by: Announcer, courseId: string): Promise<boolean> {
    if (by.roles?.admin || by.roles?.instructor) return true;
    return deps.store.isStaff(courseId, by.learnerId);
  }

  return {
    async prepare(by, courseSlug, rawText) {
      const text = rawText.trim();
      if (courseSlug === "") {
        return {
          ok: false,
          message:
            "Name the course and the text: /announce sql-basics Office hours move to Friday.",
        };
      }
      const course = await deps.store.findCourse(courseSlug.toLowerCase());
      if (!course)
        return {
          ok: false,
          message: `There is no course "${courseSlug}". /courses lists them with their slugs.`,
        };
      if (!(await mayAnnounce(by, course.id))) {
        return {
          ok: false,
          message: `Only instructors of ${course.title} can announce to its learners.`,
        };
      }
      if (text === "") {
        return {
          ok: false,
          message: `Write the announcement after the course: /announce ${course.slug} Office hours move to Friday.`,
        };
      }
      if (text.length > MAX_ANNOUNCEMENT_LENGTH) {
        return {
          ok: false,
          message: `The announcement is ${text.length} characters long; the limit is ${MAX_ANNOUNCEMENT_LENGTH}. Please shorten it.`,
        };
      }
      const recipients = await deps.store.countRecipients(course.id);
      return { ok: true, draftId: newId(), course, text, recipients };
    },

    async publish(by, prepared) {
      if (!(await mayAnnounce(by, prepared.courseId))) {
        return {
          ok: false,
          message: "Only the course's instructors can announce to its learners.",
        };
      }
      const payload: Reply[] = [
        {
          text: `**Announcement** for ${prepared.courseTitle} from ${by.displayName}:\n\n${prepared.text}`,
        },
      ];
      const result = await deps.store.publish({
        id: prepared.draftId,
        courseId: prepared.courseId,
        authorId: by.learnerId,
        text: prepared.text,
        payload,
        at: deps.clock.now(),
      });
      if (!result)
        return { ok: false, message: "This announcement was sent already; it goes out once." };
      return { ok: true, ...result };
    },
  };
}
