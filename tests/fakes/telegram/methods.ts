/**
 * The Bot API methods the fake implements (https://core.telegram.org/bots/api#available-methods),
 * each checking its parameters the way Telegram does.
 */
import type { SentMessage } from "./fake-bot-api.js";
import type { State } from "./state.js";
import {
  ApiFailure,
  checkCommands,
  checkMessageText,
  checkPoll,
  checkReplyMarkup,
} from "./validate.js";

/** One method: parameters in, result out, or an {@link ApiFailure}. */
export type Handler = (params: Record<string, unknown>) => unknown;

/** The methods of a fake, bound to its state. */
export function buildHandlers(
  state: State,
  botUser: Record<string, unknown>,
): Record<string, Handler> {
  const chatOf = (params: Record<string, unknown>) => {
    const chatId = Number(params.chat_id);
    if (!Number.isFinite(chatId) || chatId === 0)
      throw new ApiFailure(400, "Bad Request: chat not found");
    if (state.blocked.has(chatId))
      throw new ApiFailure(403, "Forbidden: bot was blocked by the user");
    if (chatId > 0 && !state.started.has(chatId)) {
      throw new ApiFailure(403, "Forbidden: bot can't initiate conversation with a user");
    }
    return chatId;
  };
  const store = (chatId: number, message: Omit<SentMessage, "message_id" | "chatId" | "edits">) => {
    const sent: SentMessage = { ...message, message_id: state.nextMessageId++, chatId, edits: 0 };
    const list = state.chats.get(chatId) ?? [];
    list.push(sent);
    state.chats.set(chatId, list);
    return sent;
  };
  const markupOf = (params: Record<string, unknown>) => {
    checkReplyMarkup(params.reply_markup);
    const markup = params.reply_markup;
    return (typeof markup === "string" ? JSON.parse(markup) : markup) as
      | Record<string, unknown>
      | undefined;
  };
  const asMessage = (sent: SentMessage) => ({
    message_id: sent.message_id,
    date: Math.floor(Date.now() / 1000),
    chat: { id: sent.chatId, type: sent.chatId > 0 ? "private" : "supergroup" },
    from: botUser,
    text: sent.poll ? undefined : sent.text,
    poll: sent.poll
      ? {
          id: sent.poll.id,
          question: sent.poll.question,
          options: sent.poll.options.map((text) => ({ text, voter_count: 0 })),
          type: sent.poll.type,
          is_anonymous: sent.poll.isAnonymous,
          correct_option_id: sent.poll.correctOptionId,
          total_voter_count: 0,
          is_closed: false,
          allows_multiple_answers: false,
        }
      : undefined,
    reply_markup: sent.reply_markup,
  });

  return {
    getMe: () => botUser,
    setMyCommands(params) {
      state.commands = checkCommands(params.commands);
      return true;
    },
    setWebhook(params) {
      const url = String(params.url ?? "");
      if (url === "") {
        state.webhook = null;
        return true;
      }
      if (!URL.canParse(url))
        throw new ApiFailure(400, "Bad Request: bad webhook: Failed to resolve host");
      const secret = params.secret_token === undefined ? undefined : String(params.secret_token);
      if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
        throw new ApiFailure(400, "Bad Request: secret token contains unallowed characters");
      }
      state.webhook = { url, secret };
      return true;
    },
    deleteWebhook() {
      state.webhook = null;
      return true;
    },
    getWebhookInfo: () => ({ url: state.webhook?.url ?? "", pending_update_count: 0 }),
    sendMessage(params) {
      const chatId = chatOf(params);
      const body = checkMessageText(params.text, params.parse_mode);
      return asMessage(
        store(chatId, {
          text: body.text,
          raw: String(params.text),
          reply_markup: markupOf(params),
        }),
      );
    },
    editMessageText(params) {
      const chatId = chatOf(params);
      const body = checkMessageText(params.text, params.parse_mode);
      const sent = (state.chats.get(chatId) ?? []).find(
        (m) => m.message_id === Number(params.message_id),
      );
      if (!sent) throw new ApiFailure(400, "Bad Request: message to edit not found");
      if (sent.poll)
        throw new ApiFailure(400, "Bad Request: there is no text in the message to edit");
      const markup = markupOf(params);
      if (
        sent.raw === String(params.text) &&
        JSON.stringify(sent.reply_markup) === JSON.stringify(markup)
      ) {
        throw new ApiFailure(
          400,
          "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
        );
      }
      Object.assign(sent, {
        text: body.text,
        raw: String(params.text),
        reply_markup: markup,
        edits: sent.edits + 1,
      });
      return asMessage(sent);
    },
    sendPoll(params) {
      const chatId = chatOf(params);
      const poll = checkPoll(params);
      const id = String(5_000_000_000 + state.nextPollId++);
      return asMessage(
        store(chatId, {
          text: poll.question,
          raw: poll.question,
          poll: { ...poll, id },
          reply_markup: markupOf(params),
        }),
      );
    },
    answerCallbackQuery(params) {
      const id = String(params.callback_query_id ?? "");
      if (!state.openCallbacks.delete(id)) {
        throw new ApiFailure(
          400,
          "Bad Request: query is too old and response timeout expired or query ID is invalid",
        );
      }
      if (params.text !== undefined && String(params.text).length > 200) {
        throw new ApiFailure(400, "Bad Request: MESSAGE_TOO_LONG");
      }
      return true;
    },
    getChatMember(params) {
      const userId = Number(params.user_id);
      return {
        status: state.admins.has(userId) ? "administrator" : "member",
        user: { id: userId, is_bot: false, first_name: "Member" },
      };
    },
    sendChatAction: () => true,
  };
}
