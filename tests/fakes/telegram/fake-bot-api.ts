/**
 * A local fake of the Telegram Bot API (https://core.telegram.org/bots/api) on 127.0.0.1, for
 * tests: it serves /bot<token>/<method>, checks requests as Telegram does (validate.ts), keeps
 * what the bot sent per chat, queues updates for getUpdates (offset, held for `timeout`) or
 * posts them to the webhook, and fails on demand (429 with retry_after, 403 for blocked chats).
 */
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { buildHandlers } from "./methods.js";
import { createState, postWebhook } from "./state.js";
import { createUpdateFactory, type UpdateFactory } from "./updates.js";
import { ApiFailure, type PollRequest } from "./validate.js";

/** One message the bot sent (or edited) in a chat. */
export interface SentMessage {
  message_id: number;
  chatId: number;
  /** Visible text after parsing the HTML; for polls, the question. */
  text: string;
  /** The body exactly as the bot sent it. */
  raw: string;
  reply_markup?: Record<string, unknown>;
  poll?: PollRequest & { id: string };
  /** How many times editMessageText changed it. */
  edits: number;
}

/** A method call the bot made, with its parameters and outcome. */
export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  ok: boolean;
  error?: string;
}

/** The running fake. */
export interface FakeBotApi extends UpdateFactory {
  /** Value for TELEGRAM_API_ROOT. */
  apiRoot: string;
  token: string;
  calls: ApiCall[];
  /** Messages the bot sent to `chatId`, in order (edits update them in place). */
  messages(chatId: number): SentMessage[];
  /** Waits until `chatId` holds at least `count` messages. */
  waitForMessages(chatId: number, count: number, timeoutMs?: number): Promise<SentMessage[]>;
  /** Waits until `predicate` holds over the call log. */
  waitForCall(predicate: (call: ApiCall) => boolean, timeoutMs?: number): Promise<ApiCall>;
  /**
   * Waits until the bot confirmed `updateId` by asking getUpdates for a later offset: the
   * adapter has handled it (it asks only after finishing a batch).
   */
  waitForConfirmed(updateId: number, timeoutMs?: number): Promise<void>;
  /** Fails the next call of `method` with `failure`. */
  failNext(method: string, failure: ApiFailure): void;
  /** Answers 403 "bot was blocked by the user" for everything sent to `chatId`. */
  block(chatId: number): void;
  /** Makes `userId` an administrator of every group (getChatMember). */
  makeAdmin(userId: number): void;
  /** Callback queries the bot has not answered. */
  unansweredCallbacks(): string[];
  /** The webhook set by the bot, if any. */
  webhook(): { url: string; secret?: string } | null;
  /** Posts an update to the webhook as Telegram does; returns the HTTP answer. */
  deliverToWebhook(
    update: Record<string, unknown>,
    secret?: string | null,
  ): Promise<{ status: number; body: string }>;
  /** HTTP answers of updates posted to the webhook by the builders. */
  webhookResponses(): Array<{ status: number; body: string }>;
  /** Commands published with setMyCommands. */
  commands(): Array<{ command: string; description: string }>;
  close(): Promise<void>;
}

/** Options of {@link startFakeBotApi}. */
export interface FakeBotApiOptions {
  token?: string;
  botUsername?: string;
}

/** Starts the fake on 127.0.0.1 and an ephemeral port. */
export async function startFakeBotApi(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  const token = options.token ?? "123456:TEST-token";
  const botUser = {
    id: 123456,
    is_bot: true,
    first_name: "StudyHall",
    username: options.botUsername ?? "studyhall_test_bot",
  };
  const state = createState();
  const updates = createUpdateFactory(
    botUser.username,
    (update) => state.enqueue(update),
    state.noteStarted,
  );
  const handlers = buildHandlers(state, botUser);

  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => void serve(req, res));
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  async function serve(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
    const params = { ...Object.fromEntries(url.searchParams), ...(await readBody(req)) };
    const send = (status: number, body: unknown) => {
      if (res.writableEnded) return;
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    if (!match || match[1] !== token) {
      send(404, { ok: false, error_code: 404, description: "Not Found" });
      return;
    }
    const method = match[2]!;
    try {
      const pushed = state.failures.get(method)?.shift();
      if (pushed) throw pushed;
      const handler = method === "getUpdates" ? undefined : handlers[method];
      const result =
        method === "getUpdates"
          ? await state.getUpdates(params, res)
          : handler
            ? handler(params)
            : (() => {
                throw new ApiFailure(404, "Not Found: method not found");
              })();
      state.calls.push({ method, params, ok: true });
      send(200, { ok: true, result });
    } catch (error) {
      const failure = error instanceof ApiFailure ? error : new ApiFailure(500, String(error));
      state.calls.push({ method, params, ok: false, error: failure.description });
      const body = {
        ok: false,
        error_code: failure.code,
        description: failure.description,
        parameters: failure.parameters,
      };
      send(failure.code, body);
    }
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    ...updates,
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    calls: state.calls,
    messages: (chatId) => state.chats.get(chatId) ?? [],
    waitForMessages: (chatId, count, timeoutMs = 5000) =>
      waitUntil(
        () => {
          const list = state.chats.get(chatId) ?? [];
          return list.length >= count ? list : undefined;
        },
        timeoutMs,
        `${count} messages in chat ${chatId}`,
      ),
    waitForCall: (predicate, timeoutMs = 5000) =>
      waitUntil(() => state.calls.find(predicate), timeoutMs, "an API call"),
    waitForConfirmed: (updateId, timeoutMs = 10_000) =>
      waitUntil(
        () => (state.confirmedOffset > updateId ? true : undefined),
        timeoutMs,
        `update ${updateId} to be confirmed`,
      ).then(() => undefined),
    failNext(method, failure) {
      const list = state.failures.get(method) ?? [];
      list.push(failure);
      state.failures.set(method, list);
    },
    block: (chatId) => void state.blocked.add(chatId),
    makeAdmin: (userId) => void state.admins.add(userId),
    unansweredCallbacks: () => [...state.openCallbacks],
    webhook: () => state.webhook,
    deliverToWebhook: (update, secret) => postWebhook(state, update, secret),
    webhookResponses: () => state.webhookResponses,
    commands: () => state.commands,
    async close() {
      state.closing = true;
      state.wake();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readBody(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  if (raw === "") return {};
  const type = req.headers["content-type"] ?? "";
  if (type.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  if (type.includes("x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(raw));
  throw new ApiFailure(400, `Bad Request: unsupported content type "${type}" in the fake`);
}

async function waitUntil<T>(
  probe: () => T | undefined,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
