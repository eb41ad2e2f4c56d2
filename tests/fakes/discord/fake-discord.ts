import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { FakeGateway } from "./gateway.js";
import {
  autocompleteInteraction,
  type CommandOption,
  commandInteraction,
  componentInteraction,
  type InteractionPayload,
  type InteractionPlace,
  modalInteraction,
} from "./interactions.js";
import { restRoutes } from "./rest-routes.js";
import { type FakeMessage, FakeState } from "./state.js";
import { formErrors } from "./validate.js";

/** One REST request the fake received. */
export interface RestCall {
  method: string;
  path: string;
  body: Record<string, unknown>;
  authorized: boolean;
  /** HTTP status the fake answered. */
  status?: number;
}

/** What happened to one interaction: its callback and the messages it produced. */
export interface InteractionRecord {
  payload: InteractionPayload;
  /** Callback types in order (4 message, 5 deferred, 6 deferred update, 7 update, 8 choices, 9 modal). */
  callbacks: Array<{ type: number; data: Record<string, unknown> }>;
  /** The original response message (or the source message for updates). */
  original?: FakeMessage;
  followups: FakeMessage[];
}

/** A route answer; `status` 204 sends no body. */
export interface RouteAnswer {
  status: number;
  body?: unknown;
}

/** A pushed failure: the next `count` requests matching `path` get this answer. */
interface PushedFailure {
  count: number;
  path: RegExp;
  answer: RouteAnswer & { headers?: Record<string, string> };
}

/**
 * A local Discord: REST under /api/v10 (point discord.js's `rest.api` at `apiBase`), a gateway
 * WebSocket announced by GET /gateway/bot, interaction callbacks recorded per interaction, and
 * Discord's validation (50035 Invalid Form Body) and rate limits (429 with retry_after).
 */
export class FakeDiscord {
  readonly calls: RestCall[] = [];
  readonly interactions = new Map<string, InteractionRecord>();
  readonly commandSets: Array<{ guildId?: string; commands: Array<Record<string, unknown>> }> = [];
  readonly state: FakeState;
  gateway!: FakeGateway;
  apiBase = "";
  private readonly server: Server;
  private readonly failures: PushedFailure[] = [];

  private constructor(token: string, shardCount: number) {
    this.state = new FakeState(token, shardCount);
    this.server = createServer((req, res) => void this.serve(req, res));
  }

  /** Starts a fake on 127.0.0.1 with an ephemeral port. */
  static async start(options: { token?: string; shards?: number } = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options.token ?? "fake-bot-token", options.shards ?? 1);
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    const { port } = fake.server.address() as { port: number };
    fake.apiBase = `http://127.0.0.1:${port}/api`;
    fake.state.gatewayUrl = `ws://127.0.0.1:${port}/gateway`;
    fake.gateway = new FakeGateway(fake.server, fake.state);
    return fake;
  }

  /** The next `count` requests whose path matches get 429 with `retryAfter` seconds. */
  rateLimitNext(count: number, retryAfter: number, path = /./): void {
    const body = { message: "You are being rate limited.", retry_after: retryAfter, global: false };
    const headers = { "retry-after": String(retryAfter), "x-ratelimit-scope": "user" };
    this.failures.push({ count, path, answer: { status: 429, body, headers } });
  }

  /** The next `count` requests whose path matches get `status` (a 5xx outage, or a refusal with `code`). */
  failNext(count: number, status: number, path = /./, code = 0): void {
    const body = { message: status >= 500 ? "Server error" : "Refused", code };
    this.failures.push({ count, path, answer: { status, body } });
  }

  /** Injects an interaction through the gateway and returns its payload. */
  inject(payload: InteractionPayload): InteractionPayload {
    this.interactions.set(payload.token, { payload, callbacks: [], followups: [] });
    this.gateway.dispatch("INTERACTION_CREATE", payload, payload.guild_id as string | undefined);
    return payload;
  }

  /** Builds and injects a slash command. */
  command(
    place: InteractionPlace,
    name: string,
    options: CommandOption[] = [],
  ): InteractionPayload {
    return this.inject(commandInteraction(this.state, place, name, options));
  }

  /** Builds and injects an autocomplete request. */
  autocomplete(
    place: InteractionPlace,
    name: string,
    options: CommandOption[],
  ): InteractionPayload {
    return this.inject(autocompleteInteraction(this.state, place, name, options));
  }

  /** Builds and injects a button press (or a select choice with `values`) on `message`. */
  press(
    place: InteractionPlace,
    message: FakeMessage,
    customId: string,
    values?: string[],
  ): InteractionPayload {
    const payload = componentInteraction(
      this.state,
      place,
      this.messagePayload(message),
      customId,
      values,
    );
    return this.inject(payload);
  }

  /** Builds and injects a modal submission. */
  submitModal(
    place: InteractionPlace,
    customId: string,
    fields: Record<string, string>,
  ): InteractionPayload {
    return this.inject(modalInteraction(this.state, place, customId, fields));
  }

  /** A member presses (or unpresses) "Interested" on a scheduled event. */
  markInterested(eventId: string, userId: string, interested = true): void {
    const event = this.state.scheduledEvents.find((candidate) => candidate.id === eventId);
    if (!event) throw new Error(`no scheduled event ${eventId}`);
    event.interested = event.interested.filter((id) => id !== userId);
    if (interested) event.interested.push(userId);
    const type = interested
      ? "GUILD_SCHEDULED_EVENT_USER_ADD"
      : "GUILD_SCHEDULED_EVENT_USER_REMOVE";
    const data = { guild_scheduled_event_id: eventId, user_id: userId, guild_id: event.guild_id };
    this.gateway.dispatch(type, data, event.guild_id);
  }

  /** Deletes a channel, as a server admin would, and tells the gateway. */
  deleteChannel(channelId: string): void {
    const channel = this.state.channels.get(channelId);
    if (!channel) return;
    channel.deleted = true;
    this.gateway.dispatch("CHANNEL_DELETE", this.state.channelPayload(channel), channel.guildId);
  }

  /** REST calls the fake refused (4xx other than pushed rate limits). */
  rejectedCalls(): RestCall[] {
    return this.calls.filter((call) => (call.status ?? 200) >= 400 && call.status !== 429);
  }

  /** The record of an injected interaction. */
  record(payload: InteractionPayload): InteractionRecord {
    return this.interactions.get(payload.token)!;
  }

  /** Every visible message an interaction produced, original first. */
  messagesOf(payload: InteractionPayload): FakeMessage[] {
    const record = this.record(payload);
    return [...(record.original ? [record.original] : []), ...record.followups];
  }

  /** Messages posted to a channel (not through interactions), in order. */
  channelMessages(channelId: string): FakeMessage[] {
    return this.state.messages.filter(
      (message) => message.channel_id === channelId && !message.interaction,
    );
  }

  /** Polls until `check` returns a value, or fails after `timeoutMs`. */
  async waitFor<T>(check: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value) return value;
      if (Date.now() > deadline) throw new Error("FakeDiscord.waitFor timed out");
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** The message JSON Discord sends in a component interaction. */
  messagePayload(message: FakeMessage): Record<string, unknown> {
    const { interaction: _interaction, ...fields } = message;
    return {
      ...fields,
      type: 0,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      pinned: false,
    };
  }

  /** Stops the gateway and the server. */
  async close(): Promise<void> {
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const path = (req.url ?? "/").split("?")[0]!;
    const method = req.method ?? "GET";
    const authorized = req.headers.authorization === `Bot ${this.state.token}`;
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    const call: RestCall = { method, path, body, authorized };
    this.calls.push(call);
    const answer = this.pushedFailure(path) ?? restRoutes(this, method, path, body, authorized);
    call.status = answer.status;
    this.reply(res, answer);
  }

  private pushedFailure(
    path: string,
  ): (RouteAnswer & { headers?: Record<string, string> }) | undefined {
    const failure = this.failures.find(
      (candidate) => candidate.count > 0 && candidate.path.test(path),
    );
    if (!failure) return undefined;
    failure.count -= 1;
    return failure.answer;
  }

  private reply(
    res: ServerResponse,
    answer: RouteAnswer & { headers?: Record<string, string> },
  ): void {
    for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
    if (answer.status === 204 || answer.body === undefined) {
      res.writeHead(answer.status).end();
      return;
    }
    res.writeHead(answer.status, { "content-type": "application/json" });
    res.end(JSON.stringify(answer.body));
  }
}

/** A 50035 Invalid Form Body answer for `problems`. */
export function invalidForm(problems: Array<[string, string]>): RouteAnswer {
  return {
    status: 400,
    body: { code: 50035, message: "Invalid Form Body", errors: formErrors(problems) },
  };
}

/** A Discord JSON error answer. */
export function discordError(status: number, code: number, message: string): RouteAnswer {
  return { status, body: { code, message } };
}
