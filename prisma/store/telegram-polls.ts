import type { PollRegistry, QuizPollRecord } from "../../bots/telegram/poll-registry.js";
import type { Db } from "../database.js";

const PREFIX = "tgpoll:";

/**
 * {@link PollRegistry} on the ActionToken table: the token is `tgpoll:<poll id>`, the action
 * the JSON record. No schema change, and the map survives restarts.
 */
export function createTelegramPollRegistry(db: Db): PollRegistry {
  return {
    async remember(pollId, record) {
      const token = PREFIX + pollId;
      const action = JSON.stringify(record);
      await db.actionToken.upsert({
        where: { token },
        create: { token, action },
        update: { action },
      });
    },
    async find(pollId) {
      const row = await db.actionToken.findUnique({ where: { token: PREFIX + pollId } });
      if (!row) return null;
      const record = JSON.parse(row.action) as Partial<QuizPollRecord>;
      if (typeof record.answerActionPrefix !== "string" || typeof record.chatId !== "string") {
        return null;
      }
      return {
        answerActionPrefix: record.answerActionPrefix,
        chatId: record.chatId,
        chatKind: record.chatKind === "group" ? "group" : "direct",
      };
    },
  };
}
