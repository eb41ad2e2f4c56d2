import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  emptyWorkspace,
  messageMethods,
  type StoredMessage,
  viewMethods,
  workspaceMethods,
} from "./fake-methods.js";

export type { StoredMessage } from "./fake-methods.js";

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
  const ws = emptyWorkspace();
  const handlers = { ...messageMethods(ws), ...viewMethods(ws), ...workspaceMethods(ws) };

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
    messages: ws.messages,
    admins: ws.admins,
    homeViews: ws.homeViews,
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
