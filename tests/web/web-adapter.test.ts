import { describe, expect, it } from "vitest";
import { createWebAdapter } from "../../bots/web/adapter.js";
import { ManualClock } from "../../core/clock.js";
import { UnreachableError } from "../../core/errors.js";
import { silentLogger } from "../../core/logger.js";
import type { Reply } from "../../core/messages.js";
import type { InboxMessage, WebInboxStore } from "../../core/ports/web-inbox.js";

/** An in-memory inbox with one known web user, "web-ada". */
function memoryInbox() {
  const rows: Array<InboxMessage & { accountId: string }> = [];
  const store: WebInboxStore = {
    async findAccount(user) {
      return user === "web-ada" ? { id: "acc-ada", reachable: true } : null;
    },
    async append(accountId, replies: Reply[], at) {
      const added = replies.map((reply, i) => ({
        id: rows.length + i + 1,
        reply,
        createdAt: at,
        accountId,
      }));
      rows.push(...added);
      return added;
    },
    async listAfter(user, afterId, limit) {
      const account = await store.findAccount(user);
      return rows.filter((r) => r.accountId === account?.id && r.id > afterId).slice(0, limit);
    },
  };
  return { store, rows };
}

describe("web adapter", () => {
  it("stores each reply as an inbox row stamped with the clock and tells subscribers", async () => {
    const inbox = memoryInbox();
    const clock = new ManualClock(new Date("2026-12-04T09:00:00Z"));
    const adapter = createWebAdapter({ inbox: inbox.store, clock, logger: silentLogger });
    const heard: number[][] = [];
    adapter.subscribe("web-ada", {
      onMessages: (m) => heard.push(m.map((x) => x.id)),
      onStop() {},
    });

    await adapter.send("web-ada", [{ text: "Lesson 2" }, { text: "Quiz time" }]);

    expect(inbox.rows.map((r) => [r.reply.text, r.createdAt.toISOString()])).toEqual([
      ["Lesson 2", "2026-12-04T09:00:00.000Z"],
      ["Quiz time", "2026-12-04T09:00:00.000Z"],
    ]);
    expect(heard).toEqual([[1, 2]]);
  });

  it("keeps sending when one subscriber throws, and stops telling those who left", async () => {
    const inbox = memoryInbox();
    const adapter = createWebAdapter({
      inbox: inbox.store,
      clock: new ManualClock(new Date()),
      logger: silentLogger,
    });
    const heard: string[] = [];
    adapter.subscribe("web-ada", {
      onMessages() {
        throw new Error("page gone");
      },
      onStop() {},
    });
    const leave = adapter.subscribe("web-ada", { onMessages: () => heard.push("b"), onStop() {} });

    await adapter.send("web-ada", [{ text: "one" }]);
    leave();
    await adapter.send("web-ada", [{ text: "two" }]);

    expect(heard).toEqual(["b"]);
    expect(adapter.subscriberCount()).toBe(1);
    expect(inbox.rows).toHaveLength(2);
  });

  it("throws UnreachableError for a user who never opened the web chat", async () => {
    const adapter = createWebAdapter({
      inbox: memoryInbox().store,
      clock: new ManualClock(new Date()),
      logger: silentLogger,
    });

    await expect(adapter.send("web-nobody", [{ text: "hi" }])).rejects.toBeInstanceOf(
      UnreachableError,
    );
  });
});
