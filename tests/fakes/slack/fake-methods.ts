import { blockProblems } from "./block-limits.js";

type Args = Record<string, unknown>;
/** One Web API method of the fake: arguments in, the answer's fields out (`ok` defaults true). */
export type FakeMethod = (args: Args) => Args;

/** A posted or updated message as the fake holds it. */
export interface StoredMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: Array<Record<string, unknown>>;
}

/** What the fake workspace remembers between calls. */
export interface FakeWorkspace {
  messages: Map<string, StoredMessage>;
  homeViews: Map<string, Record<string, unknown>>;
  admins: Set<string>;
  channels: Map<string, string>;
  counter: number;
}

/** An empty workspace. */
export function emptyWorkspace(): FakeWorkspace {
  return {
    messages: new Map(),
    homeViews: new Map(),
    admins: new Set(),
    channels: new Map(),
    counter: 0,
  };
}

const nextTs = (ws: FakeWorkspace) => `1700000000.${String(++ws.counter).padStart(6, "0")}`;

/** Slack's answer to a message it refuses, or null when it accepts it. */
function messageProblem(args: Args): string | null {
  const text = typeof args.text === "string" ? args.text : "";
  if (text.length > 40_000) return "msg_too_long";
  if (args.blocks !== undefined && blockProblems(args.blocks, 50).length > 0)
    return "invalid_blocks";
  if (args.blocks === undefined && text === "") return "no_text";
  return null;
}

function store(ws: FakeWorkspace, channel: string, ts: string, args: Args) {
  const blocks = (args.blocks as StoredMessage["blocks"]) ?? [];
  ws.messages.set(`${channel}:${ts}`, { channel, ts, text: String(args.text ?? ""), blocks });
}

/** chat.postMessage, chat.postEphemeral and chat.update, with Slack's message checks. */
export function messageMethods(ws: FakeWorkspace): Record<string, FakeMethod> {
  const checked =
    (method: FakeMethod): FakeMethod =>
    (args) => {
      const problem = messageProblem(args);
      return problem ? { ok: false, error: problem } : method(args);
    };
  return {
    "chat.postMessage": checked((args) => {
      const raw = String(args.channel ?? "");
      if (raw === "") return { ok: false, error: "channel_not_found" };
      // Posting to a user id lands in the app's DM with them.
      const channel = raw.startsWith("U") ? `D${raw.slice(1)}` : raw;
      const ts = nextTs(ws);
      store(ws, channel, ts, args);
      return { channel, ts, message: { text: args.text, blocks: args.blocks } };
    }),
    "chat.postEphemeral": checked(() => ({ message_ts: nextTs(ws) })),
    "chat.update": checked((args) => {
      const key = `${String(args.channel)}:${String(args.ts)}`;
      if (!ws.messages.has(key)) return { ok: false, error: "message_not_found" };
      store(ws, String(args.channel), String(args.ts), args);
      return { channel: args.channel, ts: args.ts };
    }),
  };
}

/** views.open, views.update and views.publish, with the 100-block view checks. */
export function viewMethods(ws: FakeWorkspace): Record<string, FakeMethod> {
  const checked =
    (method: FakeMethod): FakeMethod =>
    (args) => {
      const view = args.view as Args | undefined;
      if (!view || typeof view !== "object") return { ok: false, error: "invalid_arguments" };
      if (blockProblems(view.blocks, 100).length > 0) return { ok: false, error: "invalid_blocks" };
      return method(args);
    };
  return {
    "views.open": checked((args) => {
      if (typeof args.trigger_id !== "string") return { ok: false, error: "invalid_trigger_id" };
      return { view: { id: `V${++ws.counter}` } };
    }),
    "views.update": checked((args) => ({ view: { id: args.view_id } })),
    "views.publish": checked((args) => {
      ws.homeViews.set(String(args.user_id), args.view as Args);
      return { view: { id: `V${++ws.counter}` } };
    }),
  };
}

/** auth.test, conversations.* and users.info. */
export function workspaceMethods(ws: FakeWorkspace): Record<string, FakeMethod> {
  return {
    "auth.test": () => ({ user_id: "UBOT", bot_id: "BBOT", team_id: "T1", user: "studyhall" }),
    "conversations.open": (args) => ({ channel: { id: `D${String(args.users).slice(1)}` } }),
    "conversations.create": (args) => {
      const name = String(args.name ?? "");
      if (!/^[a-z0-9_-]{1,80}$/.test(name)) return { ok: false, error: "invalid_name_specials" };
      if (ws.channels.has(name)) return { ok: false, error: "name_taken" };
      const id = `C${String(++ws.counter).padStart(8, "0")}`;
      ws.channels.set(name, id);
      return { channel: { id, name } };
    },
    "conversations.invite": (args) => ({ channel: { id: args.channel } }),
    "users.info": (args) => ({
      user: {
        id: args.user,
        real_name: `User ${String(args.user)}`,
        is_admin: ws.admins.has(String(args.user)),
      },
    }),
  };
}
