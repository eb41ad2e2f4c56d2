/**
 * One Telegram update through the core: messages, button presses (always answered), quiz poll
 * answers (translated back into answer actions) and the bot being added to a group. This is
 * the error boundary of an update: it logs and returns, it never throws.
 */
import type { ConversationHandler } from "../../core/conversation/router.js";
import type { Inbound, Reply, SenderRoles } from "../../core/messages.js";
import type { ActionTokenStore } from "../../core/ports/accounts.js";
import type { StudyGroupStore } from "../../core/ports/community.js";
import { parseInline, plainText } from "../../core/text/markdown.js";
import { type BotApiCall, isUnreachable } from "./bot-api.js";
import {
  deliverTurnReplies,
  type PersonalOutcome,
  type TurnDeliveryDeps,
} from "./group-replies.js";
import {
  type BotIdentity,
  chatRef,
  inboundBase,
  messageText,
  type TgMessage,
  type TgUpdate,
} from "./inbound.js";
import { actionFromCallbackData, shortenLabel } from "./keyboard.js";
import type { PollRegistry } from "./poll-registry.js";

/** Dependencies of {@link createUpdateHandler}. */
export interface UpdateHandlerDeps extends TurnDeliveryDeps {
  api: BotApiCall;
  conversation: ConversationHandler;
  tokens: ActionTokenStore;
  polls: PollRegistry;
  bot: () => BotIdentity;
  /** Study groups, followed to their new chat id when a group becomes a supergroup. */
  groups: Pick<StudyGroupStore, "movePlace">;
}

const WELCOME =
  "Hello, study group! A group admin can send /groups here to make this chat the study group of a course. Members then enroll with one tap, lessons and a daily quiz with a leaderboard are posted here, and personal results go to private chats.";

/** Builds the handler of one update. */
export function createUpdateHandler(deps: UpdateHandlerDeps): (update: TgUpdate) => Promise<void> {
  const turn = async (inbound: Inbound, options?: Parameters<typeof deliverTurnReplies>[3]) => {
    const replies = await deps.conversation.handle(inbound);
    await deliverTurnReplies(deps, inbound, replies, options);
  };

  async function onMessage(update: TgUpdate, message: TgMessage) {
    if (message.migrate_to_chat_id !== undefined) {
      const [from, to] = [String(message.chat.id), String(message.migrate_to_chat_id)];
      const moved = await deps.groups.movePlace("telegram", from, to);
      deps.log.info({ from, to, moved }, "group upgraded to a supergroup");
      return;
    }
    const chat = chatRef(message.chat);
    if (!chat || !message.from || message.from.is_bot) return;
    const text = messageText(message, deps.bot());
    if (text === null) return;
    const inbound = { ...inboundBase(update, message.from, chat), text };
    if (chat.kind === "group" && isChatScoped(text ?? "")) {
      inbound.roles = await groupRoles(deps.api, message.chat.id, message.from.id);
    }
    await turn(inbound, { groupNote: true });
  }

  async function onCallback(update: TgUpdate) {
    const query = update.callback_query!;
    const message = query.message;
    const chat = message ? chatRef(message.chat) : null;
    let toast: Record<string, unknown> = {};
    try {
      if (!message || !chat) return;
      // In a private chat, stop the button's spinner at once; in a group the answer may carry
      // the presser's personal result as a toast only they see.
      if (chat.kind === "direct") await answerCallback(query.id, {});
      const action = (await actionFromCallbackData(query.data ?? "", deps.tokens)) ?? "expired";
      const inbound = { ...inboundBase(update, query.from, chat), action };
      if (chat.kind === "group" && isChatScoped(action)) {
        inbound.roles = await groupRoles(deps.api, message.chat.id, query.from.id);
      }
      const source = message.poll ? undefined : { messageId: message.message_id };
      const replies = await deps.conversation.handle(inbound);
      const outcome = await deliverTurnReplies(deps, inbound, replies, { source });
      toast = personalToast(outcome, replies);
    } finally {
      if (chat?.kind !== "direct") await answerCallback(query.id, toast);
    }
  }

  async function answerCallback(id: string, extra: Record<string, unknown>) {
    await deps.api("answerCallbackQuery", { callback_query_id: id, ...extra }).catch((error) => {
      deps.log.warn({ err: String(error) }, "answerCallbackQuery failed");
    });
  }

  async function onPollAnswer(update: TgUpdate) {
    const answer = update.poll_answer!;
    if (!answer.user || answer.option_ids.length === 0) return;
    const poll = await deps.polls.find(answer.poll_id);
    if (!poll) {
      deps.log.info({ poll: answer.poll_id }, "answer to an unknown poll ignored");
      return;
    }
    const group = poll.chatKind === "group";
    const chat = group
      ? { id: poll.chatId, kind: "group" as const }
      : { id: String(answer.user.id), kind: "direct" as const };
    const action = `${poll.answerActionPrefix}${answer.option_ids[0]}`;
    const inbound = { ...inboundBase(update, answer.user, chat), action };
    await turn(inbound, { allPersonal: group });
  }

  async function onMemberUpdate(update: TgUpdate) {
    const change = update.my_chat_member!;
    const joined = ["member", "administrator"].includes(change.new_chat_member.status);
    const group = change.chat.type === "group" || change.chat.type === "supergroup";
    if (!joined || !group || change.new_chat_member.user.id !== deps.bot().id) return;
    await deps.sender.send(String(change.chat.id), [{ text: WELCOME }], { waitOnRateLimit: true });
  }

  return async (update) => {
    const log = deps.log.child({ update: update.update_id });
    try {
      if (update.message) await onMessage(update, update.message);
      else if (update.callback_query) await onCallback(update);
      else if (update.poll_answer) await onPollAnswer(update);
      else if (update.my_chat_member) await onMemberUpdate(update);
    } catch (error) {
      // A learner who blocked the bot mid-turn is not a failure of ours; deliveries find out too.
      if (isUnreachable(error)) log.info({ err: String(error) }, "chat unreachable during a turn");
      else log.error({ err: error }, "telegram update failed");
    }
  };
}

/** The toast answering a group button press: where the personal result went, or the result. */
function personalToast(outcome: PersonalOutcome, replies: Reply[]): Record<string, unknown> {
  if (outcome === "private") return { text: "I sent you the result in a private chat." };
  if (outcome !== "unreachable") return {};
  const first = plainText(parseInline(replies.find((reply) => reply.personal)?.text ?? ""));
  const hint = " Start a private chat with me for the details.";
  return { text: shortenLabel(first, 200 - hint.length) + hint, show_alert: true };
}

/**
 * Commands and buttons that act on the group chat itself (binding it to a course). Only these
 * carry the sender's group-admin standing: anyone can create a Telegram group and be its admin,
 * so that standing must not count as teaching rights anywhere else (/announce, /event).
 */
const CHAT_SCOPED = /^(\/groups(@\w+)?(\s|$)|grb:)/i;

function isChatScoped(textOrAction: string): boolean {
  return CHAT_SCOPED.test(textOrAction.trim());
}

/** The sender's standing in a group, from getChatMember; none when Telegram will not say. */
async function groupRoles(api: BotApiCall, chatId: number, userId: number): Promise<SenderRoles> {
  try {
    const member = (await api("getChatMember", { chat_id: chatId, user_id: userId })) as {
      status?: string;
    };
    return { admin: member.status === "creator" || member.status === "administrator" };
  } catch {
    return {};
  }
}
