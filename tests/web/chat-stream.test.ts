import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebAdapter } from "../../bots/web/adapter.js";
import { UnreachableError } from "../../core/errors.js";
import { DATABASE_KINDS } from "../support/databases.js";
import { insertWebLearner, startWebTestApp, type WebTestApp } from "./web-test-app.js";

describe.each(DATABASE_KINDS)("on %s", (kind) => {
  let app: WebTestApp;
  let adapter: WebAdapter;

  beforeAll(async () => {
    app = await startWebTestApp(kind);
    adapter = app.hall.adapters.find((a) => a.platform === "web") as WebAdapter;
    await insertWebLearner(app, "l-grace", "Grace Hopper", "web-grace");
    await insertWebLearner(app, "l-alan", "Alan Turing", "web-alan");
  });

  afterAll(async () => {
    await app.close();
  });

  /** Reads server-sent events from a stream until `count` messages have arrived. */
  async function openStream(path: string, headers: Record<string, string> = {}) {
    const abort = new AbortController();
    const response = await fetch(`${app.base}${path}`, { headers, signal: abort.signal });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    async function next(count: number) {
      const events: Array<{ id: string; data: { id: number; reply: { text: string } } }> = [];
      while (events.length < count) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const chunk = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const id = /^id: (.*)$/m.exec(chunk)?.[1];
          const data = /^data: (.*)$/m.exec(chunk)?.[1];
          if (id && data) events.push({ id, data: JSON.parse(data) });
          end = buffer.indexOf("\n\n");
        }
      }
      return events;
    }
    return { response, next, close: () => abort.abort(), reader };
  }

  type InboxBody = { messages: Array<{ id: number; reply: { text: string } }> };
  type ErrorBody = { error: string };

  async function waitFor(condition: () => boolean) {
    for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 20));
  }

  describe("web adapter and /api/chat/stream", () => {
    it("is registered as the always-on web adapter with a generous rate limit", () => {
      expect(adapter.platform).toBe("web");
      expect(adapter.rateLimit.perSecond).toBe(200);
    });

    it("pushes a message sent through the adapter to an open stream", async () => {
      const stream = await openStream("/api/chat/stream?user=web-grace");
      expect(stream.response.headers.get("content-type")).toContain("text/event-stream");
      await waitFor(() => adapter.subscriberCount() === 1);

      await adapter.send("web-grace", [
        {
          text: "**Lesson 2** is ready: Filtering with WHERE",
          actions: [{ id: "next", label: "Read it now" }],
        },
      ]);
      const [event] = await stream.next(1);

      expect(event!.data.reply).toEqual({
        text: "**Lesson 2** is ready: Filtering with WHERE",
        actions: [{ id: "next", label: "Read it now" }],
      });
      expect(event!.id).toBe(String(event!.data.id));
      stream.close();
      await waitFor(() => adapter.subscriberCount() === 0);
      expect(adapter.subscriberCount()).toBe(0);
    });

    it("replays what came after Last-Event-ID, then pushes new messages, each once", async () => {
      await adapter.send("web-alan", [{ text: "one" }, { text: "two" }]);
      const [first] = await app.hall.db.webInboxMessage.findMany({
        where: { accountId: "l-alan-web" },
        orderBy: { id: "asc" },
      });

      const stream = await openStream("/api/chat/stream?user=web-alan&after=0", {
        "last-event-id": String(first!.id),
      });
      const replayed = await stream.next(1);
      await waitFor(() => adapter.subscriberCount() === 1);
      await adapter.send("web-alan", [{ text: "three" }]);
      const pushed = await stream.next(1);

      expect(replayed.map((e) => e.data.reply.text)).toEqual(["two"]);
      expect(pushed.map((e) => e.data.reply.text)).toEqual(["three"]);
      stream.close();
    });

    it("serves the same inbox to polling clients after a given id", async () => {
      const all = (await (
        await fetch(`${app.base}/api/chat/inbox?user=web-alan`)
      ).json()) as InboxBody;
      const after = all.messages[0]!.id;
      const later = (await (
        await fetch(`${app.base}/api/chat/inbox?user=web-alan&after=${after}`)
      ).json()) as InboxBody;

      expect(all.messages.map((m) => m.reply.text)).toEqual(["one", "two", "three"]);
      expect(later.messages.map((m) => m.reply.text)).toEqual(["two", "three"]);
    });

    it("refuses a bad user id or after value with a clear message", async () => {
      const badUser = await fetch(`${app.base}/api/chat/inbox?user=${encodeURIComponent("a b")}`);
      const badAfter = await fetch(`${app.base}/api/chat/stream?user=web-alan&after=yesterday`);

      expect(badUser.status).toBe(400);
      expect(((await badUser.json()) as ErrorBody).error).toContain('"user"');
      expect(badAfter.status).toBe(400);
      expect(((await badAfter.json()) as ErrorBody).error).toBe(
        '"after" must be a message id (a whole number); got "yesterday".',
      );
    });

    it("reports a user who never opened the web chat as unreachable", async () => {
      await expect(adapter.send("web-nobody", [{ text: "hello" }])).rejects.toBeInstanceOf(
        UnreachableError,
      );
    });

    it("ends open streams when the adapter stops", async () => {
      const stream = await openStream("/api/chat/stream?user=web-grace&after=999999");
      await waitFor(() => adapter.subscriberCount() === 1);

      await adapter.stop();
      const rest = await stream.next(1);

      expect(rest).toEqual([]);
      expect(adapter.subscriberCount()).toBe(0);
    });
  });
});
