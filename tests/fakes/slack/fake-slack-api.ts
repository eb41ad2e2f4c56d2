import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { blockProblems } from "./block-limits.js";

/** One Web API call the fake received. */
export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
}

/** A failure the fake answers with instead of handling a call. */
export interface PushedFailure {
  /** HTTP status; 429 adds Retry-After. */
  status?: number;
  /** Seconds in Retry-After for a 429. */
  retryAfter?: number;
  /** Slack error code answered with HTTP 200 and ok: false. */
  error?: string;
}

/** A posted or updated message as the fake holds it. */
export interface StoredMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: Array<Record<string, unknown>>;
}

/** A local fake of the Slack Web API on 127.0.0.1, checking Block Kit limits like Slack. */
export interface FakeSlackApi {
  /** Base URL for SLACK_API_URL, ending in "/api/". */
  url: string;
  /** Every call, in order. */
  calls: RecordedCall[];
  /** Messages by `channel:ts`, updated by chat.update. */
  messages: Map<string, StoredMessage>;
  /** The last Home tab view published for each user. */
  homeViews: Map<string, Record<string, unknown>>;
  /** User ids reported as workspace admins by users.info. */
  admins: Set<string>;
  /** Calls of one method. */
  callsOf(method: string): RecordedCall[];
  /** Makes the next call of `method` fail. */
  pushFailure(method: string, failure: PushedFailure): void;
  /** Stops the server. */
  close(): Promise<void>;
}

const JSON_ARGS = ["blocks", "view", "users", "attachments"];

async function readArgs(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  const type = req.headers["content-type"] ?? "";
  const args: Record<string, unknown> = type.includes("json")
    ? (JSON.parse(raw || "{}") as Record<string, unknown>)
    : Object.fromEntries(new URLSearchParams(raw));
  for (const key of JSON_ARGS) {
    const value = args[key];
    if (typeof value === "string" && /^[[{]/.test(value)) args[key] = JSON.parse(value);
  }
  return args;
}

/**
 * Starts the fake on an ephemeral port; `token` is the bot token it accepts. With `socket`,
 * apps.connections.open answers the app token with the URL of a fake Socket Mode server.
 */
export async function startFakeSlackApi(
  token: string,
  socket?: { appToken: string; url: string },
): Promise<FakeSlackApi> {
  const calls: RecordedCall[] = [];
  const failures = new Map<string, PushedFailure[]>();
  const messages = new Map<string, StoredMessage>();
  const admins = new Set<string>();
  const channels = new Map<string, string>();
  const homeViews = new Map<string, Record<string, unknown>>();
  let counter = 0;
  const nextTs = () => `1700000000.${String(++counter).padStart(6, "0")}`;

  function messageProblems(args: Record<string, unknown>): string | null {
    const text = typeof args.text === "string" ? args.text : "";
    if (text.length > 40_000) return "msg_too_long";
    if (args.blocks !== undefined && blockProblems(args.blocks, 50).length > 0) {
      return "invalid_blocks";
    }
    if (args.blocks === undefined && text === "") return "no_text";
    return null;
  }

  function viewProblems(args: Record<string, unknown>): string | null {
    const view = args.view as Record<string, unknown> | undefined;
    if (!view || typeof view !== "object") return "invalid_arguments";
    return blockProblems(view.blocks, 100).length > 0 ? "invalid_blocks" : null;
  }

  function viewResult(
    args: Record<string, unknown>,
    ok: () => Record<string, unknown>,
  ): Record<string, unknown> {
    const problem = viewProblems(args);
    return problem ? { ok: false, error: problem } : ok();
  }

  function store(channel: string, ts: string, args: Record<string, unknown>) {
    const blocks = (args.blocks as StoredMessage["blocks"]) ?? [];
    messages.set(`${channel}:${ts}`, { channel, ts, text: String(args.text ?? ""), blocks });
  }

  const handlers: Record<string, (args: Record<string, unknown>) => Record<string, unknown>> = {
    "auth.test": () => ({ user_id: "UBOT", bot_id: "BBOT", team_id: "T1", user: "studyhall" }),
    "chat.postMessage": (args) => {
      const problem = messageProblems(args);
      if (problem) return { ok: false, error: problem };
      const raw = String(args.channel ?? "");
      if (raw === "") return { ok: false, error: "channel_not_found" };
      const channel = raw.startsWith("U") ? `D${raw.slice(1)}` : raw;
      const ts = nextTs();
      store(channel, ts, args);
      return { channel, ts, message: { text: args.text, blocks: args.blocks } };
    },
    "chat.postEphemeral": (args) => {
      const problem = messageProblems(args);
      if (problem) return { ok: false, error: problem };
      return { message_ts: nextTs() };
    },
    "chat.update": (args) => {
      const problem = messageProblems(args);
      if (problem) return { ok: false, error: problem };
      const key = `${String(args.channel)}:${String(args.ts)}`;
      if (!messages.has(key)) return { ok: false, error: "message_not_found" };
      store(String(args.channel), String(args.ts), args);
      return { channel: args.channel, ts: args.ts };
    },
    "views.open": (args) => {
      if (typeof args.trigger_id !== "string") return { ok: false, error: "invalid_trigger_id" };
      return viewResult(args, () => ({ view: { id: `V${++counter}` } }));
    },
    "views.update": (args) => viewResult(args, () => ({ view: { id: args.view_id } })),
    "views.publish": (args) =>
      viewResult(args, () => {
        homeViews.set(String(args.user_id), args.view as Record<string, unknown>);
        return { view: { id: `V${++counter}` } };
      }),
    "conversations.open": (args) => ({ channel: { id: `D${String(args.users).slice(1)}` } }),
    "conversations.create": (args) => {
      const name = String(args.name ?? "");
      if (!/^[a-z0-9_-]{1,80}$/.test(name)) return { ok: false, error: "invalid_name_specials" };
      if (channels.has(name)) return { ok: false, error: "name_taken" };
      const id = `C${String(++counter).padStart(8, "0")}`;
      channels.set(name, id);
      return { channel: { id, name } };
    },
    "conversations.invite": (args) => ({ channel: { id: args.channel } }),
    "users.info": (args) => ({
      user: {
        id: args.user,
        real_name: `User ${String(args.user)}`,
        is_admin: admins.has(String(args.user)),
      },
    }),
  };

  const server: Server = createServer(async (req, res) => {
    const method = (req.url ?? "").replace(/^\/api\//, "").split("?")[0]!;
    const args = await readArgs(req);
    calls.push({ method, args });
    const reply = (status: number, body: Record<string, unknown>, headers = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    const failure = failures.get(method)?.shift();
    if (failure?.status === 429) {
      return reply(
        429,
        { ok: false, error: "ratelimited" },
        { "retry-after": String(failure.retryAfter ?? 1) },
      );
    }
    if (failure?.status) return reply(failure.status, { ok: false, error: "fatal_error" });
    if (failure?.error) return reply(200, { ok: false, error: failure.error });
    if (method === "apps.connections.open" && socket) {
      const ok = req.headers.authorization === `Bearer ${socket.appToken}`;
      return reply(200, ok ? { ok, url: socket.url } : { ok, error: "invalid_auth" });
    }
    if (req.headers.authorization !== `Bearer ${token}`) {
      return reply(200, { ok: false, error: "invalid_auth" });
    }
    const handler = handlers[method];
    if (!handler) return reply(200, { ok: false, error: "unknown_method" });
    const result = handler(args);
    reply(200, { ok: true, ...result });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    messages,
    admins,
    homeViews,
    callsOf: (method) => calls.filter((call) => call.method === method),
    pushFailure(method, failure) {
      failures.set(method, [...(failures.get(method) ?? []), failure]);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
