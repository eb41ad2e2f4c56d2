import type { KnownBlock, View } from "@slack/types";
import { type SlackMessage, truncate } from "./block-kit.js";
import { INPUT_LABEL_MAX, MODAL_TITLE_MAX, PLACEHOLDER_MAX, VIEW_BLOCKS_MAX } from "./limits.js";

/** `callback_id` of the modal that collects a typed answer or feedback. */
export const TEXT_MODAL = "studyhall.text";
/** Block and action ids of the modal's text field. */
export const TEXT_BLOCK = "text";
export const TEXT_ACTION = "value";

/** What a text modal remembers between opening and submission. */
export interface TextModalState {
  /** Where the replies to the submitted text go (the learner's DM). */
  channel: string;
}

/** A modal asking for text, showing the message that asked for it above the field. */
export function textModal(
  asked: SlackMessage | undefined,
  input: { label: string; placeholder?: string },
  state: TextModalState,
): View {
  const context = (asked?.blocks ?? []).filter((block) => block.type === "section");
  const blocks: KnownBlock[] = [
    ...context.slice(0, VIEW_BLOCKS_MAX - 1),
    {
      type: "input",
      block_id: TEXT_BLOCK,
      label: { type: "plain_text", text: truncate(input.label || "Your answer", INPUT_LABEL_MAX) },
      element: {
        type: "plain_text_input",
        action_id: TEXT_ACTION,
        multiline: true,
        max_length: 4000,
        ...(input.placeholder
          ? {
              placeholder: {
                type: "plain_text",
                text: truncate(input.placeholder, PLACEHOLDER_MAX),
              },
            }
          : {}),
      },
    },
  ];
  return {
    type: "modal",
    callback_id: TEXT_MODAL,
    private_metadata: JSON.stringify(state),
    title: { type: "plain_text", text: truncate("StudyHall", MODAL_TITLE_MAX) },
    submit: { type: "plain_text", text: "Send" },
    close: { type: "plain_text", text: "Cancel" },
    blocks,
  };
}

/** Reads a modal's private metadata back; null when it is not what we stored. */
export function readModalState<T>(metadata: string | undefined): T | null {
  try {
    return metadata ? (JSON.parse(metadata) as T) : null;
  } catch {
    return null;
  }
}

/** The text typed in a submitted text modal, or "" when none. */
export function submittedText(
  values: Record<string, Record<string, { value?: string | null }>>,
  block = TEXT_BLOCK,
  action = TEXT_ACTION,
): string {
  return (values[block]?.[action]?.value ?? "").trim();
}
