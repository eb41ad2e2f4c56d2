import { DateTime } from "luxon";
import { actionId } from "../conversation/action-id.js";
import type { Feature, TurnContext } from "../conversation/command.js";
import type { Action, Reply } from "../messages.js";
import type { CatalogStore } from "../ports/catalog.js";
import type {
  EventRecord,
  EventStore,
  NewEvent,
  RsvpStatus,
  StaffStore,
} from "../ports/community.js";
import { bold } from "../text/markdown.js";

/** Dependencies of the events feature. */
export interface EventDeps {
  events: EventStore;
  staff: StaffStore;
  catalog: Pick<CatalogStore, "listCourses">;
}

const USAGE = "/event <course-slug> <YYYY-MM-DD> <HH:MM> <title> (your time zone; 60 minutes)";

/** Formats an event's start in the learner's time zone. */
export function formatEventTime(startsAt: Date, timeZone: string): string {
  return DateTime.fromJSDate(startsAt, { zone: timeZone }).toFormat("ccc d LLL yyyy, HH:mm ZZZZ");
}

function eventLine(event: EventRecord, timeZone: string): string {
  const where = event.location ? `, ${event.location}` : "";
  const count = event.going + event.interested;
  return `${bold(event.title)}: ${formatEventTime(event.startsAt, timeZone)}${where} (${count} coming)`;
}

/** May the sender schedule events for this course? Course staff or a platform instructor/admin. */
export async function mayTeach(deps: Pick<EventDeps, "staff">, ctx: TurnContext, courseId: string) {
  const roles = ctx.inbound.roles;
  if (roles?.admin || roles?.instructor) return true;
  return deps.staff.isStaff(courseId, ctx.learner.id);
}

/** Parsed `/event` arguments, or the problem with them. */
type ParsedEvent = { slug: string; startsAt: Date; title: string } | { problem: string };

/** Parses `<slug> <YYYY-MM-DD> <HH:MM> <title>` in `timeZone`. */
export function parseEventArgs(args: string, timeZone: string, now: Date): ParsedEvent {
  const match = /^(\S+)\s+(\d{4}-\d{2}-\d{2})\s+(\d{1,2}:\d{2})\s+(.+)$/s.exec(args.trim());
  if (!match) return { problem: `Please write it as ${USAGE}.` };
  const [, slug, date, time, title] = match;
  const start = DateTime.fromFormat(`${date} ${time!.padStart(5, "0")}`, "yyyy-MM-dd HH:mm", {
    zone: timeZone,
  });
  if (!start.isValid) {
    return { problem: `"${date} ${time}" is not a valid date and time. Use ${USAGE}.` };
  }
  if (start.toJSDate() <= now) {
    return { problem: `${date} ${time} (${timeZone}) is in the past. Pick a future time.` };
  }
  if (title!.trim().length > 100)
    return { problem: "The title is too long: at most 100 characters." };
  return { slug: slug!.toLowerCase(), startsAt: start.toJSDate(), title: title!.trim() };
}

/** Creates an event after checking the sender may teach the course; adapters call it too. */
export async function scheduleEvent(
  deps: EventDeps,
  ctx: TurnContext,
  input: Omit<NewEvent, "createdById">,
): Promise<EventRecord | { problem: string }> {
  if (input.courseId && !(await mayTeach(deps, ctx, input.courseId))) {
    return { problem: "Only the course's instructors can schedule its events." };
  }
  return deps.events.create({ ...input, createdById: ctx.learner.id });
}

function rsvpActions(event: EventRecord): Action[] {
  return [
    { id: actionId("evr", event.id, "g"), label: "Going", style: "primary" },
    { id: actionId("evr", event.id, "i"), label: "Interested" },
    { id: actionId("evr", event.id, "d"), label: "Can't make it" },
  ];
}

async function listEvents(deps: EventDeps, ctx: TurnContext): Promise<Reply[]> {
  const courseIds = await deps.staff.enrolledCourseIds(ctx.learner.id);
  const upcoming = await deps.events.upcoming(ctx.now, courseIds, 5);
  if (upcoming.length === 0) {
    return [
      {
        text: "No upcoming events for your courses. Instructors announce webinars and study sessions here.",
      },
    ];
  }
  return upcoming.map((event) => ({
    text: [eventLine(event, ctx.learner.timeZone), event.description].filter(Boolean).join("\n\n"),
    actions: rsvpActions(event),
  }));
}

async function createFromCommand(
  deps: EventDeps,
  ctx: TurnContext,
  args: string,
): Promise<Reply[]> {
  const parsed = parseEventArgs(args, ctx.learner.timeZone, ctx.now);
  if ("problem" in parsed) return [{ text: parsed.problem }];
  const course = (await deps.catalog.listCourses()).find((c) => c.slug === parsed.slug);
  if (!course)
    return [{ text: `There is no course "${parsed.slug}". Send /courses for the slugs.` }];
  const event = await scheduleEvent(deps, ctx, {
    courseId: course.id,
    title: parsed.title,
    description: "",
    startsAt: parsed.startsAt,
    durationMinutes: 60,
    location: null,
  });
  if ("problem" in event) return [{ text: event.problem }];
  return [
    {
      text: `Scheduled ${eventLine(event, ctx.learner.timeZone)} for ${course.title}. Learners see it in /events and get a reminder before it starts.`,
    },
  ];
}

const STATUS: Record<string, RsvpStatus> = { g: "going", i: "interested", d: "declined" };

/** `/events` (learners) and `/event` (instructors), with RSVP buttons. */
export function eventFeature(deps: EventDeps): Feature {
  return {
    commands: [
      {
        name: "events",
        usage: "",
        summary: "upcoming webinars and study sessions of your courses",
        run: (ctx) => listEvents(deps, ctx),
      },
      {
        name: "event",
        usage: "<course-slug> <YYYY-MM-DD> <HH:MM> <title>",
        summary: "schedule a webinar or study session",
        instructorOnly: true,
        run: (ctx, args) => createFromCommand(deps, ctx, args),
      },
    ],
    actions: [
      {
        prefix: "evr",
        async run(ctx, [eventId = "", code = ""]) {
          const event = await deps.events.get(eventId);
          const status = STATUS[code];
          if (!event || !status || event.cancelledAt) {
            return [{ text: "That event is no longer open. Send /events for the current ones." }];
          }
          await deps.events.rsvp(event.id, ctx.learner.id, status);
          const answer =
            status === "declined"
              ? "Noted: you will not be reminded."
              : `Noted: you are ${status}. I will remind you before it starts.`;
          return [
            { text: `${eventLine(event, ctx.learner.timeZone)}\n\n${answer}`, personal: true },
          ];
        },
      },
    ],
  };
}
