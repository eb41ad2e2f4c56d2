/**
 * Where the replies of a turn go. In a private chat: back to it. In a group: shared replies to
 * the group, personal ones to the member's private chat with a short note in the group, or,
 * when the member never started the bot, a note in the group telling them how to.
 */
import type { Logger } from "../../core/logger.js";
import type { Inbound, Reply } from "../../core/messages.js";
import { isUnreachable } from "./bot-api.js";
import type { ReplySender, SourceMessage } from "./send-replies.js";

/** What {@link deliverTurnReplies} needs. */
export interface TurnDeliveryDeps {
  sender: ReplySender;
  botUsername: () => string;
  log: Logger;
}

/** Options of one turn's delivery. */
export interface TurnDeliveryOptions {
  /** The pressed message, for replies that update it. */
  source?: SourceMessage;
  /** Treat every reply as personal (answers to a group quiz poll). */
  allPersonal?: boolean;
  /** Post a note in the group about personal replies (off for button presses and poll answers). */
  groupNote?: boolean;
}

/** What happened to the personal replies of a group turn. */
export type PersonalOutcome = "none" | "private" | "unreachable";

/** Sends a turn's replies where they belong; tells where personal replies ended up. */
export async function deliverTurnReplies(
  deps: TurnDeliveryDeps,
  inbound: Inbound,
  replies: Reply[],
  options: TurnDeliveryOptions = {},
): Promise<PersonalOutcome> {
  const send = (chatId: string, list: Reply[], source?: SourceMessage) =>
    deps.sender.send(chatId, list, { source, waitOnRateLimit: true });
  if (inbound.chat.kind === "direct") {
    await send(inbound.chat.id, replies, options.source);
    return "none";
  }

  const personal = replies.filter((reply) => options.allPersonal || reply.personal);
  const shared = replies.filter((reply) => !personal.includes(reply));
  if (shared.length > 0) await send(inbound.chat.id, shared, options.source);
  if (personal.length === 0) return "none";

  const privately = personal.map((reply) => ({ ...reply, updatesSource: false }));
  const name = mentionName(inbound);
  try {
    await send(inbound.userId, privately);
  } catch (error) {
    if (!isUnreachable(error)) throw error;
    deps.log.info({ user: inbound.userId }, "member has no private chat with the bot");
    if (options.groupNote) {
      const link = `https://t.me/${deps.botUsername()}`;
      await send(inbound.chat.id, [
        {
          text: `${name}, this answer is personal, so I send it in a private chat, but you have not started one with me yet. Open [a private chat with me](${link}), press Start, then send the command again.`,
        },
      ]);
    }
    return "unreachable";
  }
  if (options.groupNote) {
    await send(inbound.chat.id, [{ text: `${name}, I sent you the answer in a private chat.` }]);
  }
  return "private";
}

function mentionName(inbound: Inbound): string {
  return inbound.username ? `@${inbound.username}` : inbound.displayName;
}
