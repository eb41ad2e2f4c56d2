import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** How the fake platform behaves. */
export interface FakePlatformOptions {
  /** Messages per second it accepts; above that it answers 429 with retry-after. */
  perSecond: number;
  /** Messages it accepts back to back (bucket size); defaults to a tenth of a second's worth. */
  burst?: number;
  /** Targets that blocked the bot: answered 403. */
  blocked?: Iterable<string>;
  /** Answer the next this-many sends with 502. */
  serverErrors?: number;
}

/** A local stand-in for a chat platform's send endpoint, on 127.0.0.1. */
export interface FakePlatform {
  /** Base URL, e.g. http://127.0.0.1:43123. */
  url: string;
  /** How many times each message id arrived. */
  received: Map<string, number>;
  /** Accepted sends, in order of arrival: message id and time. */
  log: Array<{ id: string; at: number }>;
  /** 429 answers given. */
  tooMany: number;
  /** 5xx answers given. */
  serverErrors: number;
  stop(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

/**
 * Starts the fake platform. `POST /send` with `{ "target": "...", "id": "...", "texts": [...] }`
 * answers 200, 403 for a blocked target, 502 while scripted to fail, or 429 with a
 * `Retry-After` header (seconds) and `retry_after_ms` body field when over its token bucket.
 */
export async function startFakePlatform(options: FakePlatformOptions): Promise<FakePlatform> {
  const burst = options.burst ?? Math.max(1, Math.ceil(options.perSecond / 10));
  const blocked = new Set(options.blocked ?? []);
  let tokens = burst;
  let refilledAt = performance.now();
  let failuresLeft = options.serverErrors ?? 0;
  const state = {
    received: new Map<string, number>(),
    log: [] as FakePlatform["log"],
    tooMany: 0,
    serverErrors: 0,
  };

  const server: Server = createServer(async (request, response) => {
    const body = JSON.parse((await readBody(request)) || "{}") as { target?: string; id?: string };
    const answer = (status: number, json: object, headers: Record<string, string> = {}) => {
      response.writeHead(status, { "content-type": "application/json", ...headers });
      response.end(JSON.stringify(json));
    };
    if (request.method !== "POST" || request.url !== "/send" || !body.target || !body.id) {
      return answer(400, { ok: false, error: "POST /send with target and id" });
    }
    if (blocked.has(body.target))
      return answer(403, { ok: false, error: "bot was blocked by the user" });
    if (failuresLeft > 0) {
      failuresLeft--;
      state.serverErrors++;
      return answer(502, { ok: false, error: "bad gateway" });
    }
    const now = performance.now();
    tokens = Math.min(burst, tokens + ((now - refilledAt) / 1000) * options.perSecond);
    refilledAt = now;
    if (tokens < 1) {
      state.tooMany++;
      const waitMs = Math.ceil(((1 - tokens) / options.perSecond) * 1000);
      return answer(
        429,
        { ok: false, retry_after_ms: waitMs },
        { "retry-after": String(Math.ceil(waitMs / 1000)) },
      );
    }
    tokens -= 1;
    state.received.set(body.id, (state.received.get(body.id) ?? 0) + 1);
    state.log.push({ id: body.id, at: Date.now() });
    return answer(200, { ok: true });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  }) as FakePlatform;
}
