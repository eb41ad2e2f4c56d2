import type { KnownBlock, View } from "@slack/types";
import type { CourseListing } from "../../core/ports/catalog.js";
import { type RenderOptions, renderReply, section, truncate } from "./block-kit.js";
import { VIEW_BLOCKS_MAX } from "./limits.js";
import { escapeMrkdwn } from "./mrkdwn.js";

/** `callback_id` of the write step and the preview step of `/learn announce`. */
export const ANNOUNCE_WRITE = "studyhall.announce.write";
export const ANNOUNCE_PREVIEW = "studyhall.announce.preview";
/** Block and action ids of the write step's fields. */
export const COURSE_BLOCK = "course";
export const COURSE_ACTION = "slug";
export const TEXT_BLOCK = "message";
export const TEXT_ACTION = "text";
/** Longest announcement the modal accepts (the draft rides in private_metadata). */
export const ANNOUNCE_TEXT_MAX = 2000;

/** What the preview step carries to the send step. */
export interface AnnounceDraft {
  draftId: string;
  courseId: string;
  text: string;
  /** The instructor's DM, where the result is reported. */
  dm: string;
}

/** The write step: a course menu and the message. */
export function writeView(courses: CourseListing[], dm: string): View {
  const options = courses.slice(0, 100).map((course) => ({
    text: { type: "plain_text" as const, text: truncate(course.title, 75) },
    value: course.slug,
  }));
  return {
    type: "modal",
    callback_id: ANNOUNCE_WRITE,
    private_metadata: JSON.stringify({ dm }),
    title: { type: "plain_text", text: "Announcement" },
    submit: { type: "plain_text", text: "Preview" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "input",
        block_id: COURSE_BLOCK,
        label: { type: "plain_text", text: "Course" },
        element: { type: "static_select", action_id: COURSE_ACTION, options },
      },
      {
        type: "input",
        block_id: TEXT_BLOCK,
        label: { type: "plain_text", text: "Message to every enrolled learner" },
        element: {
          type: "plain_text_input",
          action_id: TEXT_ACTION,
          multiline: true,
          max_length: ANNOUNCE_TEXT_MAX,
        },
      },
    ],
  };
}

/** The preview step: who receives it, the message exactly as learners will see it, and Send. */
export async function previewView(
  render: RenderOptions,
  draft: AnnounceDraft,
  summary: { title: string; recipients: number; channels: number },
): Promise<View> {
  const people = `${summary.recipients} enrolled learner${summary.recipients === 1 ? "" : "s"}`;
  const where =
    summary.channels > 0
      ? ` and the course's ${summary.channels} study-group channel${summary.channels === 1 ? "" : "s"}`
      : "";
  const messages = await renderReply({ text: draft.text }, render);
  const body = messages.flatMap((message) => message.blocks);
  const blocks: KnownBlock[] = [
    section(`*Preview* for the ${people} of *${escapeMrkdwn(summary.title)}*${where}:`),
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
