import type { App } from "@slack/bolt";
import type { KnownBlock, View } from "@slack/types";
import type { Reply } from "../../core/messages.js";
import type { CourseListing } from "../../core/ports/catalog.js";
import { renderReply, truncate } from "./block-kit.js";
import type { SlackSubcommand } from "./commands.js";
import { VIEW_BLOCKS_MAX } from "./limits.js";
import { readModalState, submittedText } from "./modals.js";
import type { SlackRuntime } from "./runtime.js";

/** `callback_id` of the write step and the preview step of `/learn announce`. */
export const ANNOUNCE_WRITE = "studyhall.announce.write";
export const ANNOUNCE_PREVIEW = "studyhall.announce.preview";
const COURSE_BLOCK = "course";
const COURSE_ACTION = "slug";
const TEXT_BLOCK = "message";
const TEXT_ACTION = "text";

/** What the preview step carries to the send step. */
interface AnnounceDraft {
  /** The core's action that publishes the previewed draft. */
  send: string;
  /** The instructor's DM, where the result is reported. */
  channel: string;
}

function writeView(courses: CourseListing[], channel: string): View {
  const options = courses.slice(0, 100).map((course) => ({
    text: { type: "plain_text" as const, text: truncate(course.title, 75) },
    value: course.slug,
  }));
  return {
    type: "modal",
    callback_id: ANNOUNCE_WRITE,
    private_metadata: JSON.stringify({ channel }),
    title: { type: "plain_text", text: "Announcement" },
    submit: { type: "plain_text", text: "Preview" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "input",
        block_id: COURSE_BLOCK,
        label: { type: "plain_text", text: "Course" },
        element: {
          type: "static_select",
          action_id: COURSE_ACTION,
          options,
        },
      },
      {
        type: "input",
        block_id: TEXT_BLOCK,
        label: { type: "plain_text", text: "Message to every enrolled learner" },
        element: {
          type: "plain_text_input",
          action_id: TEXT_ACTION,
          multiline: true,
          max_length: 2500,
        },
      },
    ],
  };
}

/** The core's preview shown in the modal; its primary button becomes the modal's Send. */
async function previewView(rt: SlackRuntime, preview: Reply, draft: AnnounceDraft): Promise<View> {
  const messages = await renderReply({ text: preview.text }, rt.render());
  const blocks: KnownBlock[] = messages.flatMap((message) => message.blocks);
  return {
    type: "modal",
    callback_id: ANNOUNCE_PREVIEW,
    private_metadata: JSON.stringify(draft),
    title: { type: "plain_text", text: "Announcement" },
    submit: { type: "plain_text", text: "Send" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: blocks.slice(0, VIEW_BLOCKS_MAX),
  };
}

/** Plain text of a core reply for a modal field error (Slack shows it unformatted). */
function plainError(reply: Reply | undefined): string {
  const text = (reply?.text ?? "The announcement could not be prepared.").replace(/[*_`]/g, "");
  return truncate(text, 2000);
}

/**
 * `/learn announce`: instructors (workspace admins or SLACK_INSTRUCTORS) get a modal to write
 * and preview. The preview is the core's own (`/announce <slug> <text>`: instructor check,
 * recipient count, the draft kept); Send presses the core's Send, which queues one delivery per
 * enrolled learner. `/learn announce <slug> <text>` goes straight to the core.
 */
export function announceSubcommand(listCourses: () => Promise<CourseListing[]>): SlackSubcommand {
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
      const text =
        "Only instructors can send announcements: workspace admins and the people listed in SLACK_INSTRUCTORS.";
      await rt.deliver(place, [{ text, personal: true }]);
      return true;
    }
    const courses = await listCourses();
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

/** The preview reply of the core's `/announce` and its confirming (primary) action, if any. */
function findPreview(replies: Reply[]): { preview: Reply; send: string } | null {
  for (const reply of replies) {
    const send = reply.actions?.find((action) => action.style === "primary");
    if (send) return { preview: reply, send: send.id };
  }
  return null;
}

/** The write step: empty fields are field errors; otherwise the core prepares the preview. */
function registerWriteStep(
  app: App,
  rt: SlackRuntime,
  listCourses: () => Promise<CourseListing[]>,
) {
  app.view(ANNOUNCE_WRITE, async ({ ack, body, view }) => {
    const text = submittedText(view.state.values, TEXT_BLOCK, TEXT_ACTION);
    const slug = view.state.values[COURSE_BLOCK]?.[COURSE_ACTION]?.selected_option?.value ?? "";
    const course = (await listCourses()).find((c) => c.slug === slug);
    const errors: Record<string, string> = {};
    if (!course) errors[COURSE_BLOCK] = "Choose the course whose learners get the announcement.";
    if (text === "") errors[TEXT_BLOCK] = "The message is empty. Write the announcement first.";
    if (!course || text === "") {
      await ack({ response_action: "errors", errors });
      return;
    }
    const channel = readModalState<{ channel: string }>(view.private_metadata)?.channel;
    const place = await rt.place(body.user.id, channel);
    const user = { id: body.user.id, name: body.user.name ?? body.user.id };
    // The core checks the instructor, counts the recipients and keeps the draft.
    const replies = await rt.turn(place, user, { text: `/announce ${slug} ${text}` });
    const found = findPreview(replies);
    if (!found) {
      await ack({ response_action: "errors", errors: { [TEXT_BLOCK]: plainError(replies[0]) } });
      return;
    }
    const draft: AnnounceDraft = { send: found.send, channel: place.channel };
    await ack({ response_action: "update", view: await previewView(rt, found.preview, draft) });
  });
}

/** The preview step: Send presses the core's Send once; the result goes to the DM. */
function registerSendStep(app: App, rt: SlackRuntime) {
  app.view(ANNOUNCE_PREVIEW, async ({ ack, body, view }) => {
    await ack();
    const key = `view:${(body as { trigger_id?: string }).trigger_id ?? `${view.id}:${view.hash}`}`;
    if (!(await rt.firstSeen(key))) return;
    const draft = readModalState<AnnounceDraft>(view.private_metadata);
    if (!draft) return;
    const place = await rt.place(body.user.id, draft.channel || undefined);
    const user = { id: body.user.id, name: body.user.name ?? body.user.id };
    await rt.runTurn(place, user, { action: draft.send });
  });
}

/** Registers the write and preview steps of the announcement modal. */
export function registerAnnounce(
  app: App,
  rt: SlackRuntime,
  listCourses: () => Promise<CourseListing[]>,
): void {
  registerWriteStep(app, rt, listCourses);
  registerSendStep(app, rt);
}
