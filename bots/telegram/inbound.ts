/**
 * Telegram updates (https://core.telegram.org/bots/api#update) as core Inbound messages: the
 * fields the adapter reads, and the rules for what a group message is addressed to the bot.
 */
import type { ChatRef, Inbound } from "../../core/messages.js";

/** A Telegram user. */
export interface TgUser {
  id: number;
  is_bot?: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
}

/** A Telegram chat. */
export interface TgChat {
  id: number;
  type: "private" | "group" | "supergroup" | "channel";
  title?: string;
}

/** The fields of a message the adapter reads. */
export interface TgMessage {
  message_id: number;
  chat: TgChat;
  from?: TgUser;
  text?: string;
  caption?: string;
  poll?: { id: string };
  reply_to_message?: { from?: TgUser };
  /** Set when a group became a supergroup with a new chat id. */
  migrate_to_chat_id?: number;
  entities?: Array<{ type: string; offset: number; length: number }>;
}

/** The update kinds the adapter handles; everything else is ignored. */
export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  callback_query?: { id: string; from: TgUser; data?: string; message?: TgMessage };
  poll_answer?: { poll_id: string; user?: TgUser; option_ids: number[] };
  my_chat_member?: {
    chat: TgChat;
    from: TgUser;
    new_chat_member: { user: TgUser; status: string };
  };
}

/** The bot's own identity, from getMe. */
export interface BotIdentity {
  id: number;
  username: string;
}

/** Display name of a Telegram user. */
export function displayName(user: TgUser): string {
  return [user.first_name, user.last_name].filter(Boolean).join(" ").trim() || "Learner";
}

/** Core chat reference of a Telegram chat; channels are not conversations. */
export function chatRef(chat: TgChat): ChatRef | null {
  if (chat.type === "private") return { id: String(chat.id), kind: "direct" };
  if (chat.type === "group" || chat.type === "supergroup") {
    return { id: String(chat.id), kind: "group", title: chat.title };
  }
  return null;
}

/** The Inbound fields shared by every kind of update from `user` in `chat`. */
export function inboundBase(update: TgUpdate, user: TgUser, chat: ChatRef): Inbound {
  return {
    platform: "telegram",
    userId: String(user.id),
    displayName: displayName(user),
    username: user.username,
    chat,
    updateId: String(update.update_id),
  };
}

/**
 * The text a message carries for the bot, or undefined for media. In groups, only commands
 * (to this bot), replies to the bot and mentions count: `null` means "not for us, stay quiet".
 */
export function messageText(message: TgMessage, bot: BotIdentity): string | undefined | null {
  const text = message.text;
  if (message.chat.type === "private") return text;
  if (text === undefined) return isReplyToBot(message, bot) ? undefined : null;
  const command = /^\/[A-Za-z0-9_]+(?:@(\w+))?/.exec(text);
  if (command) {
    const target = command[1];
    return target === undefined || target.toLowerCase() === bot.username.toLowerCase()
      ? text
      : null;
  }
  const mention = `@${bot.username}`;
  if (text.toLowerCase().includes(mention.toLowerCase())) {
    return text.replace(new RegExp(escapeRegExp(mention), "ig"), "").trim();
  }
  return isReplyToBot(message, bot) ? text : null;
}

function isReplyToBot(message: TgMessage, bot: BotIdentity): boolean {
  return message.reply_to_message?.from?.id === bot.id;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
