import type { WebClient } from "@slack/web-api";
import type { Logger } from "../../core/logger.js";
import type { Reply } from "../../core/messages.js";
import { type RenderOptions, renderReply, type SlackMessage } from "./block-kit.js";
import { textModal } from "./modals.js";
import { slackErrorCode } from "./send-errors.js";

/** `action_id` of the "Answer" button that (re)opens the text modal. */
export const ANSWER_BUTTON = "studyhall-answer";

/** Where one turn's replies go and what Slack gave us to answer with. */
export interface TurnPlace {
  /** The learner. */
  userId: string;
  /** The channel replies are posted in: the DM, or the channel the command came from. */
  channel: string;
  /** True when `channel` is the learner's direct message with the app. */
  direct: boolean;
  /** The learner's DM channel (or user id, which Slack accepts as a DM target). */
  dm: string;
  /** Lets us open a modal, once, within 3 s of the learner's action. */
  triggerId?: string;
  /** The message whose button was pressed, for `updatesSource`. */
  source?: { channel: string; ts: string };
}

/** What delivering a turn needs. */
export interface DeliverDeps {
  client: WebClient;
  render: RenderOptions;
  log: Logger;
}

/** Adds the "Answer" button to a message that waits for typed text. */
function withAnswerButton(message: SlackMessage, input: Reply["expectsText"]): SlackMessage {
  if (!input) return message;
  const value = JSON.stringify({
    l: input.label.slice(0, 900),
    p: input.placeholder?.slice(0, 140),
  });
  return {
    ...message,
    blocks: [
      ...message.blocks.slice(0, 49),
      {
        type: "actions",
        elements: [
          {
            type: "button",
            action_id: ANSWER_BUTTON,
            text: { type: "plain_text", text: "Answer" },
            style: "primary",
            value,
          },
        ],
      },
    ],
  };
}

/** Slack errors meaning the app cannot write in that channel (it is not a member). */
const NOT_IN_CHANNEL = new Set(["not_in_channel", "channel_not_found"]);

async function post(deps: DeliverDeps, place: TurnPlace, message: SlackMessage, personal: boolean) {
  const { client } = deps;
  try {
    if (personal && !place.direct) {
      await client.chat.postEphemeral({ channel: place.channel, user: place.userId, ...message });
    } else {
      await client.chat.postMessage({ channel: place.channel, ...message });
    }
  } catch (error) {
    // The app is not in that channel: answer the learner privately instead of losing it.
    if (place.direct || !NOT_IN_CHANNEL.has(slackErrorCode(error) ?? "")) throw error;
    await client.chat.postMessage({ channel: place.dm, ...message });
  }
}

async function openTextModal(
  deps: DeliverDeps,
  place: TurnPlace,
  asked: SlackMessage | undefined,
  input: NonNullable<Reply["expectsText"]>,
): Promise<void> {
  if (!place.triggerId) return;
  const triggerId = place.triggerId;
  place.triggerId = undefined;
  const view = textModal(asked, input, {
    channel: place.direct ? place.channel : place.dm,
  });
  try {
    await deps.client.views.open({ trigger_id: triggerId, view });
  } catch (error) {
    // An expired trigger is not fatal: the message carries an "Answer" button.
    deps.log.warn({ code: slackErrorCode(error) }, "could not open the answer modal");
  }
}

/**
 * Posts one turn's replies: Block Kit messages in the DM or channel, ephemeral for personal
 * replies in a channel, chat.update for `updatesSource`, and a modal for `expectsText`.
 */
export async function deliverTurn(
  deps: DeliverDeps,
  place: TurnPlace,
  replies: Reply[],
): Promise<void> {
  let source = place.source;
  for (const reply of replies) {
    const messages = await renderReply(reply, deps.render);
    const last = messages.length - 1;
    for (const [i, rendered] of messages.entries()) {
      const message = i === last ? withAnswerButton(rendered, reply.expectsText) : rendered;
      // A personal reply never replaces a message everyone in a channel can see.
      const replaces = reply.updatesSource && !(reply.personal && !place.direct);
      if (replaces && source && i === 0) {
        await deps.client.chat.update({ channel: source.channel, ts: source.ts, ...message });
        source = undefined;
        continue;
      }
      await post(deps, place, message, reply.personal === true);
    }
    if (reply.expectsText) await openTextModal(deps, place, messages[0], reply.expectsText);
  }
}
