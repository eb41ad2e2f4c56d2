/**
 * A local fake of the Telegram Bot API (https://core.telegram.org/bots/api) on 127.0.0.1, for
 * tests: it serves /bot<token>/<method>, checks requests as Telegram does (validate.ts), keeps
 * what the bot sent per chat, queues updates for getUpdates (offset, held for `timeout`) or
 * posts them to the webhook, and fails on demand (429 with retry_after, 403 for blocked chats).
 */
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { createUpdateFactory, type UpdateFactory } from "./updates.js";
import {
  ApiFailure,
  checkCommands,
  checkMessageText,
  checkPoll,
  checkReplyMarkup,
  type PollRequest,
} from "./validate.js";

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

type Handler = (params: Record<string, unknown>) => unknown;

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

function createState() {
  const queue: Array<Record<string, unknown> & { update_id: number }> = [];
  let waiters: Array<() => void> = [];
  const state = {
    calls: [] as ApiCall[],
    chats: new Map<number, SentMessage[]>(),
    failures: new Map<string, ApiFailure[]>(),
    blocked: new Set<number>(),
    started: new Set<number>(),
    admins: new Set<number>(),
    openCallbacks: new Set<string>(),
    webhook: null as { url: string; secret?: string } | null,
    commands: [] as Array<{ command: string; description: string }>,
    nextMessageId: 1,
    confirmedOffset: 0,
    nextPollId: 1,
    closing: false,
    noteStarted: (userId: number) => void state.started.add(userId),
    webhookResponses: [] as Array<{ status: number; body: string }>,
    enqueue(update: Record<string, unknown> & { update_id: number }) {
      if (state.webhook) {
        // With a webhook set, Telegram posts the update instead of queueing it.
        void postWebhook(state, update).then(
          (answer) => state.webhookResponses.push(answer),
          (error) => state.webhookResponses.push({ status: 0, body: String(error) }),
        );
        return;
      }
      const callback = update.callback_query as { id?: string } | undefined;
      if (callback?.id) state.openCallbacks.add(callback.id);
      queue.push(update);
      state.wake();
    },
    wake() {
      const current = waiters;
      waiters = [];
      for (const wake of current) wake();
    },
    async getUpdates(params: Record<string, unknown>, res: http.ServerResponse) {
      if (state.webhook) {
        throw new ApiFailure(
          409,
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
        );
      }
      const offset = Number(params.offset ?? 0);
      state.confirmedOffset = Math.max(state.confirmedOffset, offset);
      // Telegram forgets every update below the offset: they are confirmed.
      while (queue.length > 0 && queue[0]!.update_id < offset) queue.shift();
      const limit = Math.min(Number(params.limit ?? 100), 100);
      const holdMs = Math.min(Number(params.timeout ?? 0), 50) * 1000;
      if (queue.length === 0 && holdMs > 0 && !state.closing) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, holdMs);
          const done = () => {
            clearTimeout(timer);
            resolve();
          };
          waiters.push(done);
          res.on("close", done);
        });
      }
      return queue.slice(0, limit);
    },
  };
  return state;
}

type State = ReturnType<typeof createState>;

function buildHandlers(state: State, botUser: Record<string, unknown>): Record<string, Handler> {
  const chatOf = (params: Record<string, unknown>) => {
    const chatId = Number(params.chat_id);
    if (!Number.isFinite(chatId) || chatId === 0)
      throw new ApiFailure(400, "Bad Request: chat not found");
    if (state.blocked.has(chatId))
      throw new ApiFailure(403, "Forbidden: bot was blocked by the user");
    if (chatId > 0 && !state.started.has(chatId)) {
      throw new ApiFailure(403, "Forbidden: bot can't initiate conversation with a user");
    }
    return chatId;
  };
  const store = (chatId: number, message: Omit<SentMessage, "message_id" | "chatId" | "edits">) => {
    const sent: SentMessage = { ...message, message_id: state.nextMessageId++, chatId, edits: 0 };
    const list = state.chats.get(chatId) ?? [];
    list.push(sent);
    state.chats.set(chatId, list);
    return sent;
  };
  const markupOf = (params: Record<string, unknown>) => {
    checkReplyMarkup(params.reply_markup);
    const markup = params.reply_markup;
    return (typeof markup === "string" ? JSON.parse(markup) : markup) as
      | Record<string, unknown>
      | undefined;
  };
  const asMessage = (sent: SentMessage) => ({
    message_id: sent.message_id,
    date: Math.floor(Date.now() / 1000),
    chat: { id: sent.chatId, type: sent.chatId > 0 ? "private" : "supergroup" },
    from: botUser,
    text: sent.poll ? undefined : sent.text,
    poll: sent.poll
      ? {
          id: sent.poll.id,
          question: sent.poll.question,
          options: sent.poll.options.map((text) => ({ text, voter_count: 0 })),
          type: sent.poll.type,
          is_anonymous: sent.poll.isAnonymous,
          correct_option_id: sent.poll.correctOptionId,
          total_voter_count: 0,
          is_closed: false,
          allows_multiple_answers: false,
        }
      : undefined,
    reply_markup: sent.reply_markup,
  });

  return {
    getMe: () => botUser,
    setMyCommands(params) {
      state.commands = checkCommands(params.commands);
      return true;
    },
    setWebhook(params) {
      const url = String(params.url ?? "");
      if (url === "") {
        state.webhook = null;
        return true;
      }
      if (!URL.canParse(url))
        throw new ApiFailure(400, "Bad Request: bad webhook: Failed to resolve host");
      const secret = params.secret_token === undefined ? undefined : String(params.secret_token);
      if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
        throw new ApiFailure(400, "Bad Request: secret token contains unallowed characters");
      }
      state.webhook = { url, secret };
      return true;
    },
    deleteWebhook() {
      state.webhook = null;
      return true;
    },
    getWebhookInfo: () => ({ url: state.webhook?.url ?? "", pending_update_count: 0 }),
    sendMessage(params) {
      const chatId = chatOf(params);
      const body = checkMessageText(params.text, params.parse_mode);
      return asMessage(
        store(chatId, {
          text: body.text,
          raw: String(params.text),
          reply_markup: markupOf(params),
        }),
      );
    },
    editMessageText(params) {
      const chatId = chatOf(params);
      const body = checkMessageText(params.text, params.parse_mode);
      const sent = (state.chats.get(chatId) ?? []).find(
        (m) => m.message_id === Number(params.message_id),
      );
      if (!sent) throw new ApiFailure(400, "Bad Request: message to edit not found");
      if (sent.poll)
        throw new ApiFailure(400, "Bad Request: there is no text in the message to edit");
      const markup = markupOf(params);
      if (
        sent.raw === String(params.text) &&
        JSON.stringify(sent.reply_markup) === JSON.stringify(markup)
      ) {
        throw new ApiFailure(
          400,
          "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
        );
      }
      Object.assign(sent, {
        text: body.text,
        raw: String(params.text),
        reply_markup: markup,
        edits: sent.edits + 1,
      });
      return asMessage(sent);
    },
    sendPoll(params) {
      const chatId = chatOf(params);
      const poll = checkPoll(params);
      const id = String(5_000_000_000 + state.nextPollId++);
      return asMessage(
        store(chatId, {
          text: poll.question,
          raw: poll.question,
          poll: { ...poll, id },
          reply_markup: markupOf(params),
        }),
      );
    },
    answerCallbackQuery(params) {
      const id = String(params.callback_query_id ?? "");
      if (!state.openCallbacks.delete(id)) {
        throw new ApiFailure(
          400,
          "Bad Request: query is too old and response timeout expired or query ID is invalid",
        );
      }
      if (params.text !== undefined && String(params.text).length > 200) {
        throw new ApiFailure(400, "Bad Request: MESSAGE_TOO_LONG");
      }
      return true;
    },
    getChatMember(params) {
      const userId = Number(params.user_id);
      return {
        status: state.admins.has(userId) ? "administrator" : "member",
        user: { id: userId, is_bot: false, first_name: "Member" },
      };
    },
    sendChatAction: () => true,
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

async function postWebhook(state: State, update: Record<string, unknown>, secret?: string | null) {
  if (!state.webhook) throw new Error("no webhook is set");
  const callback = update.callback_query as { id?: string } | undefined;
  if (callback?.id) state.openCallbacks.add(callback.id);
  const headers: Record<string, string> = { "content-type": "application/json" };
  const header = secret === undefined ? state.webhook.secret : secret;
  if (header !== null && header !== undefined) headers["x-telegram-bot-api-secret-token"] = header;
  const response = await fetch(state.webhook.url, {
    method: "POST",
    headers,
    body: JSON.stringify(update),
  });
  return { status: response.status, body: await response.text() };
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
