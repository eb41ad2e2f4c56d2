import type { App } from "@slack/bolt";
import type { AnnouncementService } from "../../core/announcements/announcement-service.js";
import type { Clock } from "../../core/clock.js";
import type { Reply } from "../../core/messages.js";
import type { CourseListing } from "../../core/ports/catalog.js";
import type { DeliveryStore } from "../../core/ports/deliveries.js";
import {
  ANNOUNCE_PREVIEW,
  ANNOUNCE_WRITE,
  type AnnounceDraft,
  COURSE_ACTION,
  COURSE_BLOCK,
  previewView,
  TEXT_ACTION,
  TEXT_BLOCK,
  writeView,
} from "./announce-views.js";
import type { SlackSubcommand } from "./commands.js";
import { PRIVATE_METADATA_MAX } from "./limits.js";
import { readModalState, submittedText } from "./modals.js";
import type { SlackRuntime, SlackUser } from "./runtime.js";

/** What `/learn announce` is built from (wired in app/compose.ts). */
export interface SlackAnnounceDeps {
  /** The core's announcements: instructor check, recipients, one delivery per learner. */
  service: AnnouncementService;
  listCourses(): Promise<CourseListing[]>;
  /** The Slack channels that are study groups of a course. */
  courseChannels(courseId: string): Promise<string[]>;
  /** The delivery queue the course channels' copies go through. */
  deliveries: Pick<DeliveryStore, "enqueue">;
  clock: Clock;
}

const NOT_INSTRUCTOR =
  "Only instructors can send announcements: workspace admins and the people listed in SLACK_INSTRUCTORS.";

/** The core's view of the instructor: their learner id, name and Slack standing. */
async function announcer(rt: SlackRuntime, user: SlackUser) {
  const { realName, roles } = await rt.profile(user.id);
  const { learner } = await rt.accounts.identify({
    platform: "slack",
    externalId: user.id,
    displayName: realName ?? user.name,
    username: user.name,
  });
  return { learnerId: learner.id, displayName: learner.displayName, roles };
}

/**
 * `/learn announce`: instructors (workspace admins or SLACK_INSTRUCTORS) get a modal to write,
 * then a preview; Send publishes through the core's announcement service (one delivery per
 * enrolled learner per platform) and queues a copy for the course's study-group channels.
 * `/learn announce <slug> <text>` goes straight to the core's `/announce`.
 */
export function announceSubcommand(deps: SlackAnnounceDeps): SlackSubcommand {
  return async (rt, command) => {
    if (
      command.text
        .trim()
        .replace(/^announce\b/i, "")
        .trim() !== ""
    )
      return false;
    const place = await rt.place(command.user_id, command.channel_id, command.trigger_id);
    const { roles } = await rt.profile(command.user_id);
    if (!roles.instructor) {
      await rt.deliver(place, [{ text: NOT_INSTRUCTOR, personal: true }]);
      return true;
    }
    const courses = await deps.listCourses();
    if (courses.length === 0) {
      await rt.deliver(place, [{ text: "There is no course to announce to yet.", personal: true }]);
      return true;
    }
    await rt.client.views.open({
      trigger_id: command.trigger_id,
      view: writeView(courses, place.dm),
    });
    return true;
  };
}

type Values = Record<
  string,
  Record<string, { value?: string | null; selected_option?: { value?: string } | null }>
>;

/** The write step: empty fields and the core's refusals are field errors; else the preview. */
function registerWriteStep(app: App, rt: SlackRuntime, deps: SlackAnnounceDeps) {
  app.view(ANNOUNCE_WRITE, async ({ ack, body, view }) => {
    const values = view.state.values as Values;
    const text = submittedText(values, TEXT_BLOCK, TEXT_ACTION);
    const slug = values[COURSE_BLOCK]?.[COURSE_ACTION]?.selected_option?.value ?? "";
    const errors: Record<string, string> = {};
    if (slug === "")
      errors[COURSE_BLOCK] = "Choose the course whose learners get the announcement.";
    if (text === "") errors[TEXT_BLOCK] = "The message is empty. Write the announcement first.";
    if (slug === "" || text === "") return void (await ack({ response_action: "errors", errors }));

    const user = { id: body.user.id, name: body.user.name ?? body.user.id };
    const prepared = await deps.service.prepare(await announcer(rt, user), slug, text);
    if (!prepared.ok) {
      const message = prepared.message.replace(/[*_`]/g, "");
      return void (await ack({ response_action: "errors", errors: { [TEXT_BLOCK]: message } }));
    }
    const dm = readModalState<{ dm: string }>(view.private_metadata)?.dm ?? user.id;
    const draft: AnnounceDraft = {
      draftId: prepared.draftId,
      courseId: prepared.course.id,
      text: prepared.text,
      dm,
    };
    if (JSON.stringify(draft).length > PRIVATE_METADATA_MAX) {
      const tooLong = "The announcement is too long for one message; please shorten it.";
      return void (await ack({ response_action: "errors", errors: { [TEXT_BLOCK]: tooLong } }));
    }
    const channels = (await deps.courseChannels(prepared.course.id)).length;
    const summary = { title: prepared.course.title, recipients: prepared.recipients, channels };
    await ack({ response_action: "update", view: await previewView(rt.render(), draft, summary) });
  });
}

/** Queues the announcement for the course's Slack study-group channels; returns how many. */
async function queueForChannels(deps: SlackAnnounceDeps, draft: AnnounceDraft, payload: Reply[]) {
  const channels = await deps.courseChannels(draft.courseId);
  const rows = channels.map((channel) => ({
    idempotencyKey: `announcement:${draft.draftId}:slack:${channel}`,
    learnerId: null,
    platform: "slack" as const,
    target: channel,
    kind: "announcement" as const,
    courseId: draft.courseId,
    payload,
    dueAt: deps.clock.now(),
  }));
  if (rows.length > 0) await deps.deliveries.enqueue(rows);
  return rows.length;
}

/** The preview step: Send publishes once; the result is reported in the instructor's DM. */
function registerSendStep(app: App, rt: SlackRuntime, deps: SlackAnnounceDeps) {
  app.view(ANNOUNCE_PREVIEW, async ({ ack, body, view }) => {
    await ack();
    const draft = readModalState<AnnounceDraft>(view.private_metadata);
    if (!draft || !(await rt.firstSeen(`announcement:${draft.draftId}`))) return;
    const user = { id: body.user.id, name: body.user.name ?? body.user.id };
    const by = await announcer(rt, user);
    const course = (await deps.listCourses()).find((c) => c.id === draft.courseId);
    const title = course?.title ?? "your course";
    const prepared = {
      draftId: draft.draftId,
      courseId: draft.courseId,
      courseTitle: title,
      text: draft.text,
    };
    const result = await deps.service.publish(by, prepared);
    const place = await rt.place(user.id, draft.dm);
    if (!result.ok) return rt.deliver(place, [{ text: result.message }]);

    const payload = [
      { text: `**Announcement** for ${title} from ${by.displayName}:\n\n${draft.text}` },
    ];
    const channels = await queueForChannels(deps, draft, payload);
    const people = `${result.learners} learner${result.learners === 1 ? "" : "s"}`;
    const inChannels =
      channels > 0 ? ` and ${channels} study-group channel${channels === 1 ? "" : "s"}` : "";
    await rt.deliver(place, [{ text: `Announcement sent to ${people} of ${title}${inChannels}.` }]);
  });
}

/** Registers the write and preview steps of the announcement modal. */
export function registerAnnounce(app: App, rt: SlackRuntime, deps: SlackAnnounceDeps): void {
  registerWriteStep(app, rt, deps);
  registerSendStep(app, rt, deps);
}
