/**
 * Sends rendered replies to one chat through the Bot API: text with its keyboard, quiz polls
 * (remembered for their answers), and the edit of the pressed message for `updatesSource`.
 */
import type { Logger } from "../../core/logger.js";
import type { Reply } from "../../core/messages.js";
import type { ActionTokenStore } from "../../core/ports/accounts.js";
import { type BotApiCall, isNotModified, telegramFailure } from "./bot-api.js";
import type { GroupRate } from "./group-rate.js";
import type { PollRegistry } from "./poll-registry.js";
import {
  type Outgoing,
  type OutgoingPoll,
  type OutgoingText,
  renderReply,
} from "./render-reply.js";

/** The message whose button was pressed, for replies that update it. */
export interface SourceMessage {
  messageId: number;
}

/** Options of one {@link ReplySender.send} call. */
export interface SendOptions {
  /** Message to edit for the first reply with `updatesSource`. */
  source?: SourceMessage;
  /** Wait out a 429 and retry (conversation turns); deliveries pass false and rethrow. */
  waitOnRateLimit: boolean;
}

/** Sends replies to Telegram chats. */
export interface ReplySender {
  /** Renders and sends `replies` to `chatId`, in order; throws the Bot API's error. */
  send(chatId: string, replies: Reply[], options: SendOptions): Promise<void>;
}

/** Dependencies of {@link createReplySender}. */
export interface ReplySenderDeps {
  api: BotApiCall;
  tokens: ActionTokenStore;
  polls: PollRegistry;
  log: Logger;
  /** Spaces messages to group chats; none in unit tests. */
  groupRate?: GroupRate;
  /** Longest retry_after a turn waits for before giving up (seconds). */
  maxRateLimitWaitSeconds?: number;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Builds the sender. */
export function createReplySender(deps: ReplySenderDeps): ReplySender {
  const sleep = deps.sleep ?? wait;
  const maxWait = deps.maxRateLimitWaitSeconds ?? 30;

  async function call(method: string, payload: Record<string, unknown>, retry: boolean) {
    for (let attempt = 0; ; attempt++) {
      try {
        return await deps.api(method, payload);
      } catch (error) {
        const retryAfter = telegramFailure(error)?.retryAfter;
        if (!retry || retryAfter === undefined || retryAfter > maxWait || attempt >= 3) throw error;
        deps.log.warn({ method, retryAfter }, "telegram asked to slow down; waiting");
        await sleep(retryAfter * 1000);
      }
    }
  }

  // Group chat ids are negative on Telegram; only those have the per-minute limit.
  const pace = async (chatId: string) => {
    if (deps.groupRate && chatId.startsWith("-")) await deps.groupRate.take(chatId);
  };

  async function sendText(chatId: string, out: OutgoingText, retry: boolean) {
    await pace(chatId);
    await call("sendMessage", { chat_id: chatId, ...textPayload(out) }, retry);
  }

  async function editText(chatId: string, messageId: number, out: OutgoingText, retry: boolean) {
    const payload: Record<string, unknown> = {
      chat_id: chatId,
      message_id: messageId,
      ...textPayload(out),
    };
    // An edited message keeps no old buttons: a stale answer cannot be pressed twice.
    payload.reply_markup = { inline_keyboard: out.keyboard ?? [] };
    try {
      await call("editMessageText", payload, retry);
      return true;
    } catch (error) {
      if (isNotModified(error)) return true;
      const failure = telegramFailure(error);
      if (failure?.code === 400) return false; // a poll or a deleted message: send instead
      throw error;
    }
  }

  async function sendPoll(chatId: string, out: OutgoingPoll, retry: boolean) {
    const payload: Record<string, unknown> = {
      chat_id: chatId,
      question: out.question,
      options: out.options.map((text) => ({ text })),
      type: "quiz",
      is_anonymous: false,
      correct_option_id: out.correctOptionId,
      explanation: out.explanation,
    };
    if (out.keyboard) payload.reply_markup = { inline_keyboard: out.keyboard };
    await pace(chatId);
    const message = (await call("sendPoll", payload, retry)) as { poll?: { id?: string } };
    const pollId = message.poll?.id;
    if (!pollId) return;
    await deps.polls.remember(pollId, {
      answerActionPrefix: out.answerActionPrefix,
      chatId,
      chatKind: Number(chatId) < 0 ? "group" : "direct",
    });
  }

  return {
    async send(chatId, replies, options) {
      const retry = options.waitOnRateLimit;
      let source = options.source;
      for (const reply of replies) {
        const outgoing: Outgoing[] = await renderReply(reply, deps.tokens);
        for (const out of outgoing) {
          if (out.kind === "poll") {
            await sendPoll(chatId, out, retry);
            continue;
          }
          if (reply.updatesSource && source) {
            const edited = await editText(chatId, source.messageId, out, retry);
            source = undefined;
            if (edited) continue;
          }
          await sendText(chatId, out, retry);
        }
      }
    },
  };
}

function textPayload(out: OutgoingText): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    text: out.html,
    parse_mode: "HTML",
    link_preview_options: { is_disabled: true },
  };
  if (out.keyboard) payload.reply_markup = { inline_keyboard: out.keyboard };
  else if (out.forceReply) {
    payload.reply_markup = {
      force_reply: true,
      input_field_placeholder: out.forceReply.placeholder,
    };
  }
  return payload;
}
