import type { Reply } from "../../core/messages.js";
import type { InboxMessage, WebInboxStore } from "../../core/ports/web-inbox.js";
import type { Db } from "../database.js";

function toMessage(row: { id: number; payload: string; createdAt: Date }): InboxMessage {
  let reply: Reply;
  try {
    reply = JSON.parse(row.payload) as Reply;
  } catch {
    // A damaged row must not block the rest of the inbox.
    reply = { text: "(this message could not be read)" };
  }
  return { id: row.id, reply, createdAt: row.createdAt };
}

/** {@link WebInboxStore} on Prisma (WebInboxMessage rows of "web" accounts). */
export function createWebInboxStore(db: Db): WebInboxStore {
  async function findAccount(user: string) {
    return db.account.findFirst({
      where: { platform: "web", OR: [{ chatId: user }, { externalId: user }] },
      select: { id: true, reachable: true },
    });
  }

  return {
    findAccount,

    async append(accountId, replies, at) {
      const rows = await db.$transaction(
        replies.map((reply) =>
          db.webInboxMessage.create({
            data: { accountId, payload: JSON.stringify(reply), createdAt: at },
          }),
        ),
      );
      return rows.map(toMessage);
    },

    async listAfter(user, afterId, limit) {
      const account = await findAccount(user);
      if (!account) return [];
      const rows = await db.webInboxMessage.findMany({
        where: { accountId: account.id, id: { gt: afterId } },
        orderBy: { id: "asc" },
        take: limit,
      });
      return rows.map(toMessage);
    },
  };
}
