import type { App } from "@slack/bolt";
import type { KnownBlock, View } from "@slack/types";
import type { CourseListing } from "../../core/ports/catalog.js";
import { renderReply, section, truncate } from "./block-kit.js";
import type { SlackSubcommand } from "./commands.js";
import { PRIVATE_METADATA_MAX, VIEW_BLOCKS_MAX } from "./limits.js";
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
  slug: string;
  text: string;
  channel: string;
}

function writeView(courses: CourseListing[], channel: string, draft?: AnnounceDraft): View {
  const options = courses.slice(0, 100).map((course) => ({
    text: { type: "plain_text" as const, text: truncate(course.title, 75) },
    value: course.slug,
  }));
  const initial = options.find((option) => option.value === draft?.slug);
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
          ...(initial ? { initial_option: initial } : {}),
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
          ...(draft ? { initial_value: draft.text } : {}),
        },
      },
    ],
  };
}

async function previewView(rt: SlackRuntime, draft: AnnounceDraft, title: string): Promise<View> {
  const messages = await renderReply({ text: draft.text }, rt.render());
  const body = messages.flatMap((message) => message.blocks);
  const blocks: KnownBlock[] = [
    section(`*Preview* of the announcement to every learner enrolled in *${title}*:`),
    { type: "divider" },
    ...body.slice(0, VIEW_BLOCKS_MAX - 2),
  ];
  return {
    type: "modal",
    callback_id: ANNOUNCE_PREVIEW,
    private_metadata: JSON.stringify(draft),
    title: { type: "plain_text", text: "Announcement" },
    submit: { type: "plain_text", text: "Send" },
    close: { type: "plain_text", text: "Cancel" },
    blocks,
  };
}

/**
 * `/learn announce`: instructors (workspace admins or SLACK_INSTRUCTORS) get a modal to write
 * and preview; sending runs the core's `/announce <slug> <text>`, which queues one delivery
 * per enrolled learner. `/learn announce <slug> <text>` goes straight to the core.
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

/** Registers the write and preview steps of the announcement modal. */
export function registerAnnounce(
  app: App,
  rt: SlackRuntime,
  listCourses: () => Promise<CourseListing[]>,
): void {
  app.view(ANNOUNCE_WRITE, async ({ ack, view }) => {
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
    const channel = readModalState<{ channel: string }>(view.private_metadata)?.channel ?? "";
    const draft = { slug, text, channel };
    if (JSON.stringify(draft).length > PRIVATE_METADATA_MAX) {
      const message = "The message is too long for one announcement; shorten it a little.";
      await ack({ response_action: "errors", errors: { [TEXT_BLOCK]: message } });
      return;
    }
    await ack({ response_action: "update", view: await previewView(rt, draft, course.title) });
  });

  app.view(ANNOUNCE_PREVIEW, async ({ ack, body, view }) => {
    await ack();
    const key = `view:${(body as { trigger_id?: string }).trigger_id ?? `${view.id}:${view.hash}`}`;
    if (!(await rt.firstSeen(key))) return;
    const draft = readModalState<AnnounceDraft>(view.private_metadata);
    if (!draft) return;
    const place = await rt.place(body.user.id, draft.channel || undefined);
    await rt.runTurn(
      place,
      { id: body.user.id, name: body.user.name ?? body.user.id },
      {
        text: `/announce ${draft.slug} ${draft.text}`,
      },
    );
  });
}
