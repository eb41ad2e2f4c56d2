/**
 * Builds Telegram updates the way Telegram sends them (https://core.telegram.org/bots/api#update):
 * commands carry a bot_command entity, private chats have the user's id, button presses carry
 * the message they belong to. Every built update is handed to `deliver`.
 */

/** A Telegram user taking part in a test. */
export interface FakeUser {
  id: number;
  first_name: string;
  username?: string;
}

/** A chat: private chats use the user's id, groups a negative id. */
export interface FakeChat {
  id: number;
  type: "private" | "group" | "supergroup";
  title?: string;
}

/** The message a button belongs to, as the fake stored it. */
export interface ButtonSource {
  message_id: number;
  chatId: number;
  text: string;
}

type Update = Record<string, unknown> & { update_id: number };

/** Update builders shared by the fake server; each returns the update it queued. */
export interface UpdateFactory {
  /** The user typed `text` (commands get their bot_command entity). */
  sendText(user: FakeUser, text: string, chat?: FakeChat): Update;
  /** The user sent a photo, sticker or voice message. */
  sendMedia(user: FakeUser, kind: "photo" | "sticker" | "voice", chat?: FakeChat): Update;
  /** The user pressed an inline button carrying `data` under `message`. */
  pressButton(user: FakeUser, message: ButtonSource, data: string): Update;
  /** The user chose options of a non-anonymous poll. */
  answerPoll(user: FakeUser, pollId: string, optionIds: number[]): Update;
  /** `user` added the bot to `chat`. */
  addBotToGroup(user: FakeUser, chat: FakeChat): Update;
  /** The group `chat` became a supergroup with id `newId` (the service message in the old chat). */
  migrateGroup(user: FakeUser, chat: FakeChat, newId: number): Update;
  /** Queues `update` again as it is (a replay with the same update_id). */
  replay(update: Update): void;
}

/** Creates the builders; `deliver` queues or posts the update, `started` notes private chats. */
export function createUpdateFactory(
  botUsername: string,
  deliver: (update: Update) => void,
  started: (userId: number) => void,
): UpdateFactory {
  let nextUpdateId = 100_000;
  let nextMessageId = 1_000_000;
  let nextCallbackId = 1;
  const now = () => Math.floor(Date.now() / 1000);
  const privateChat = (user: FakeUser): FakeChat => ({ id: user.id, type: "private" });
  const from = (user: FakeUser) => ({ ...user, is_bot: false, language_code: "en" });
  const push = (body: Record<string, unknown>) => {
    const update = { update_id: nextUpdateId++, ...body };
    deliver(update);
    return update;
  };
  const message = (user: FakeUser, chat: FakeChat, extra: Record<string, unknown>) => {
    if (chat.type === "private") started(user.id);
    return { message_id: nextMessageId++, date: now(), chat, from: from(user), ...extra };
  };

  return {
    sendText(user, text, chat = privateChat(user)) {
      const command = /^\/[A-Za-z0-9_]+(@\w+)?/.exec(text);
      const entities = command
        ? [{ type: "bot_command", offset: 0, length: command[0].length }]
        : undefined;
      return push({ message: message(user, chat, { text, entities }) });
    },
    sendMedia(user, kind, chat = privateChat(user)) {
      const media = {
        photo: { photo: [{ file_id: "photo-1", file_unique_id: "p1", width: 90, height: 90 }] },
        sticker: {
          sticker: {
            file_id: "sticker-1",
            file_unique_id: "s1",
            type: "regular",
            width: 512,
            height: 512,
            is_animated: false,
            is_video: false,
          },
        },
        voice: { voice: { file_id: "voice-1", file_unique_id: "v1", duration: 3 } },
      }[kind];
      return push({ message: message(user, chat, media) });
    },
    pressButton(user, source, data) {
      const chat: FakeChat =
        source.chatId > 0
          ? { id: source.chatId, type: "private" }
          : { id: source.chatId, type: "supergroup", title: "Group" };
      const callback = {
        id: `cb-${nextCallbackId++}`,
        from: from(user),
        chat_instance: `ci-${source.chatId}`,
        data,
        message: { message_id: source.message_id, date: now(), chat, text: source.text },
      };
      return push({ callback_query: callback });
    },
    answerPoll(user, pollId, optionIds) {
      return push({ poll_answer: { poll_id: pollId, user: from(user), option_ids: optionIds } });
    },
    addBotToGroup(user, chat) {
      const bot = { id: 123456, is_bot: true, first_name: "StudyHall", username: botUsername };
      return push({
        my_chat_member: {
          chat,
          from: from(user),
          date: now(),
          old_chat_member: { user: bot, status: "left" },
          new_chat_member: { user: bot, status: "member" },
        },
      });
    },
    migrateGroup(user, chat, newId) {
      return push({ message: message(user, chat, { migrate_to_chat_id: newId }) });
    },
    replay: (update) => deliver(update),
  };
}
