import { type Request, type Response, Router } from "express";
import type { WebAdapter } from "../../bots/web/adapter.js";
import type { Logger } from "../../core/logger.js";
import type { InboxMessage, WebInboxStore } from "../../core/ports/web-inbox.js";
import { toWebReply } from "./chat-api.js";

/** Dependencies of {@link chatStreamRoutes}. */
export interface ChatStreamDeps {
  adapter: WebAdapter;
  inbox: WebInboxStore;
  logger: Logger;
  /** Interval of SSE keep-alive comments; proxies drop idle streams after about 30 s. */
  keepAliveMs?: number;
  /** Interval of inbox checks, which catch messages appended by another process. */
  pollMs?: number;
}

const USER_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const PAGE = 100;

/** `{ id, reply }` as the inbox and the stream send it. */
function toWire(message: InboxMessage) {
  return { id: message.id, reply: toWebReply(message.reply) };
}

function readAfter(req: Request): number | string {
  const raw = req.get("last-event-id") ?? (req.query.after as string | undefined) ?? "0";
  const after = Number(raw);
  return Number.isSafeInteger(after) && after >= 0 ? after : String(raw);
}

function readUser(req: Request, res: Response): string | null {
  const user = req.query.user;
  if (typeof user === "string" && USER_ID.test(user)) return user;
  res.status(400).json({
    error: 'Query parameter "user" must be 1 to 64 letters, digits, "_", ".", ":" or "-".',
  });
  return null;
}

/** The user and the last message id seen, or null after answering 400 with what is wrong. */
function readQuery(req: Request, res: Response): { user: string; after: number } | null {
  const user = readUser(req, res);
  if (!user) return null;
  const after = readAfter(req);
  if (typeof after === "string") {
    res
      .status(400)
      .json({ error: `"after" must be a message id (a whole number); got "${after}".` });
    return null;
  }
  return { user, after };
}

/**
 * `GET /api/chat/stream?user=&after=`: server-sent events of the user's web inbox, replaying
 * what came after `Last-Event-ID` (or `after`) first; `GET /api/chat/inbox` for polling.
 */
export function chatStreamRoutes(deps: ChatStreamDeps): Router {
  const router = Router();

  router.get("/api/chat/inbox", async (req, res) => {
    const query = readQuery(req, res);
    if (!query) return;
    const { user, after } = query;
    const messages = await deps.inbox.listAfter(user, after, PAGE);
    res.json({ messages: messages.map(toWire) });
  });

  router.get("/api/chat/stream", (req, res) => {
    const query = readQuery(req, res);
    if (!query) return;
    const { user, after } = query;
    openStream(deps, user, after, res);
  });

  return router;
}

function openStream(deps: ChatStreamDeps, user: string, after: number, res: Response) {
  res.status(200).set({
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache, no-transform",
    connection: "keep-alive",
    "x-accel-buffering": "no",
  });
  res.flushHeaders();
  res.write("retry: 3000\n\n");

  let lastId = after;
  let closed = false;
  let draining: Promise<void> = Promise.resolve();

  // Every trigger (a push, the poll timer) reads the inbox after the last id sent, one at a
  // time, so a message is written once and in order whichever trigger saw it first.
  const read = async () => {
    while (!closed) {
      const messages = await deps.inbox.listAfter(user, lastId, PAGE);
      for (const message of messages) {
        if (closed) return;
        res.write(`id: ${message.id}\ndata: ${JSON.stringify(toWire(message))}\n\n`);
        lastId = message.id;
      }
      if (messages.length < PAGE) return;
    }
  };
  const drain = () => {
    draining = draining
      .then(read)
      .catch((error) => deps.logger.warn({ err: error }, "web inbox stream read failed"));
  };

  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(keepAlive);
    clearInterval(poll);
    unsubscribe();
    res.end();
  };

  const unsubscribe = deps.adapter.subscribe(user, { onMessages: drain, onStop: close });
  const keepAlive = setInterval(() => res.write(": keep-alive\n\n"), deps.keepAliveMs ?? 25_000);
  const poll = setInterval(drain, deps.pollMs ?? 10_000);
  res.on("close", close);
  drain();
}
