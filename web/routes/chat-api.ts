import { json, Router } from "express";
import type { ConversationHandler } from "../../core/conversation/router.js";
import { MAX_TEXT_LENGTH } from "../../core/conversation/router.js";
import type { Reply } from "../../core/messages.js";

/** The JSON shape of one reply on the web chat API (DESIGN.md). */
export interface WebReply {
  text: string;
  actions: Array<{ id: string; label: string }>;
  links?: Array<{ label: string; url: string }>;
  expectsText?: { label: string; placeholder?: string };
  /** The page replaces the message whose button was pressed with this one. */
  updatesSource?: boolean;
}

/** Maps a core reply to the web chat API's JSON. */
export function toWebReply(reply: Reply): WebReply {
  const web: WebReply = {
    text: reply.text,
    actions: (reply.actions ?? []).map(({ id, label }) => ({ id, label })),
  };
  if (reply.links?.length) web.links = reply.links;
  if (reply.expectsText) web.expectsText = reply.expectsText;
  if (reply.updatesSource) web.updatesSource = true;
  return web;
}

const CONTRACT =
  'POST a JSON object: { "user": "<id>", "text": "/start" } or { "user": "<id>", "action": "<button id>" }.';

const USER_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/** `POST /api/chat`: `{ user, text }` or `{ user, action }` in, `{ replies }` out. */
export function chatApiRoutes(conversation: ConversationHandler): Router {
  const router = Router();
  router.get("/api/chat", (_req, res) => {
    res.status(405).set("Allow", "POST").json({ error: CONTRACT });
  });
  router.post("/api/chat", json({ limit: "64kb" }), async (req, res) => {
    if (!req.is("application/json")) {
      res.status(415).json({ error: `Send JSON with Content-Type: application/json. ${CONTRACT}` });
      return;
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { user, text, action, name } = body;
    const problem = validate(user, text, action, name);
    if (problem) {
      res.status(400).json({ error: problem });
      return;
    }
    const replies = await conversation.handle({
      platform: "web",
      userId: user as string,
      displayName: typeof name === "string" && name.trim() ? name.trim() : "Web learner",
      chat: { id: user as string, kind: "direct" },
      text: typeof text === "string" ? text : undefined,
      action: typeof action === "string" ? action : undefined,
    });
    res.json({ replies: replies.map(toWebReply) });
  });
  return router;
}

function validate(user: unknown, text: unknown, action: unknown, name: unknown): string | null {
  if (typeof user !== "string" || !USER_ID.test(user)) {
    return 'Field "user" must be a string of 1 to 64 letters, digits, "_", ".", ":" or "-".';
  }
  if (text === undefined && action === undefined) {
    return 'Send either "text" (what the learner typed) or "action" (the id of a pressed button).';
  }
  if (text !== undefined && action !== undefined) return 'Send "text" or "action", not both.';
  if (text !== undefined && typeof text !== "string") return 'Field "text" must be a string.';
  if (typeof text === "string" && text.length > MAX_TEXT_LENGTH * 2) {
    return `Field "text" is ${text.length} characters long; the limit is ${MAX_TEXT_LENGTH}.`;
  }
  if (action !== undefined && (typeof action !== "string" || action.length > 512)) {
    return 'Field "action" must be a string of at most 512 characters.';
  }
  if (name !== undefined && (typeof name !== "string" || name.length > 100)) {
    return 'Field "name" must be a string of at most 100 characters.';
  }
  return null;
}
