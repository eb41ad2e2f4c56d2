import http from "node:http";
import type { AddressInfo } from "node:net";

/** A request the fake received. */
export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: {
    model: string;
    messages: Array<{ role: string; content: string }>;
    max_tokens?: number;
    [key: string]: unknown;
  };
}

/** What the fake answers to the next request. */
export type FakeResponse =
  | { kind: "answer"; text: string; tokens?: number }
  | { kind: "status"; status: number; body?: object; headers?: Record<string, string> }
  /** Never answers, to exercise the client's timeout. */
  | { kind: "hang" };

/** A local OpenAI-compatible Chat Completions server on 127.0.0.1 (ephemeral port). */
export interface FakeOpenAi {
  /** The API base to give the client, e.g. http://127.0.0.1:41234/v1. */
  baseUrl: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Queues responses; when the queue is empty the fake answers "Fake tutor answer." */
  push(...responses: FakeResponse[]): void;
  close(): Promise<void>;
}

function send(res: http.ServerResponse, status: number, body: object, headers = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function completion(model: string, text: string, tokens: number) {
  return {
    id: "chatcmpl-fake",
    object: "chat.completion",
    created: 1_770_000_000,
    model,
    choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: text } }],
    usage: { prompt_tokens: tokens - 20, completion_tokens: 20, total_tokens: tokens },
  };
}

/** Starts the fake. Only POST /v1/chat/completions exists; anything else is a 404. */
export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const requests: RecordedRequest[] = [];
  const queue: FakeResponse[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
        return send(res, 404, {
          error: { message: "Unknown route", type: "invalid_request_error" },
        });
      }
      const body = JSON.parse(raw) as RecordedRequest["body"];
      requests.push({
        method: req.method,
        path: req.url,
        authorization: req.headers.authorization,
        body,
      });
      const next = queue.shift() ?? { kind: "answer", text: "Fake tutor answer." };
      if (next.kind === "hang") return void hanging.add(res);
      if (next.kind === "status") {
        const error = next.body ?? {
          error: { message: `status ${next.status}`, type: "server_error" },
        };
        return send(res, next.status, error, next.headers);
      }
      send(res, 200, completion(body.model, next.text, next.tokens ?? 120));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    push: (...responses) => void queue.push(...responses),
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
