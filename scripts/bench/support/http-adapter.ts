import { Agent, request } from "node:http";
import type { PlatformAdapter, RateLimit } from "../../../core/adapter.js";
import { RateLimitedError, TransientError, UnreachableError } from "../../../core/errors.js";
import type { Platform, Reply } from "../../../core/messages.js";

/** A raw HTTP answer. */
interface Answer {
  status: number;
  retryAfter: string | undefined;
  body: string;
}

/**
 * A platform adapter whose send() posts to a fake platform (./fake-platform.ts) and maps its
 * answers the way the real adapters do: 429 to RateLimitedError, 403 to UnreachableError,
 * 5xx and network errors to TransientError. The message id is the first reply's text.
 */
export class HttpFakeAdapter implements PlatformAdapter {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });

  constructor(
    private readonly baseUrl: string,
    readonly rateLimit: RateLimit,
    readonly platform: Platform = "telegram",
  ) {}

  async start(): Promise<void> {}

  async stop(): Promise<void> {
    this.agent.destroy();
  }

  async send(target: string, replies: Reply[]): Promise<void> {
    const payload = JSON.stringify({
      target,
      id: replies[0]?.text ?? "",
      texts: replies.map((r) => r.text),
    });
    let answer: Answer;
    try {
      answer = await this.post(payload);
    } catch (error) {
      throw new TransientError(`POST /send failed: ${(error as Error).message}`, { cause: error });
    }
    if (answer.status === 200) return;
    const body = JSON.parse(answer.body || "{}") as { retry_after_ms?: number; error?: string };
    const what = `POST /send answered ${answer.status}: ${body.error ?? "no reason given"}`;
    if (answer.status === 429) {
      const header = Number(answer.retryAfter ?? "1") * 1000;
      throw new RateLimitedError(body.retry_after_ms ?? header, what);
    }
    if (answer.status === 403) throw new UnreachableError(what);
    throw new TransientError(what);
  }

  private post(payload: string): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const options = {
        method: "POST",
        agent: this.agent,
        timeout: 10_000,
        headers: { "content-type": "application/json" },
      };
      const req = request(`${this.baseUrl}/send`, options, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers["retry-after"] as string | undefined,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      });
      req.on("timeout", () => req.destroy(new Error("timed out after 10 s")));
      req.on("error", reject);
      req.end(payload);
    });
  }
}
