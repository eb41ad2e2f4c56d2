import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { retryAfterMs } from "../../bots/openai/map-error.js";
import { createOpenAiTutor } from "../../bots/openai/openai-tutor.js";
import { type AppError, RateLimitedError, TransientError } from "../../core/errors.js";
import { TUTOR_INSTRUCTIONS } from "../../core/tutor/tutor-prompt.js";
import { type FakeOpenAi, startFakeOpenAi } from "../fakes/openai/fake-openai.js";

const request = {
  lessonTitle: "Selecting columns",
  lessonText: "SELECT picks columns.",
  question: "What does SELECT do?",
  history: [],
};

describe("the OpenAI tutor against a local OpenAI-compatible server", () => {
  let fake: FakeOpenAi;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
  });
  afterAll(async () => fake.close());

  const tutor = (timeoutMs = 5_000) =>
    createOpenAiTutor({ apiKey: "sk-test", baseUrl: fake.baseUrl, model: "tiny-tutor", timeoutMs });

  it("sends the model, the key, the instructions as system message and returns text and tokens", async () => {
    fake.push({ kind: "answer", text: "  SELECT chooses the columns to return.  ", tokens: 321 });

    const answer = await tutor().answer(request);

    expect(answer).toEqual({ text: "SELECT chooses the columns to return.", tokens: 321 });
    const sent = fake.requests.at(-1)!;
    expect(sent.path).toBe("/v1/chat/completions");
    expect(sent.authorization).toBe("Bearer sk-test");
    expect(sent.body.model).toBe("tiny-tutor");
    expect(sent.body.max_tokens).toBe(500);
    expect(sent.body.messages[0]).toEqual({ role: "system", content: TUTOR_INSTRUCTIONS });
    expect(sent.body.messages[1]!.content).toContain(
      "⟦QUESTION⟧\nWhat does SELECT do?\n⟦/QUESTION⟧",
    );
  });

  it("turns a 429 into RateLimitedError with the server's retry-after", async () => {
    fake.push({ kind: "status", status: 429, headers: { "retry-after": "7" } });

    const error = await tutor()
      .answer(request)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(7_000);
  });

  it("turns an exhausted quota into tutor_unavailable for an admin, not a retry", async () => {
    fake.push({
      kind: "status",
      status: 429,
      body: { error: { message: "quota", type: "insufficient_quota", code: "insufficient_quota" } },
    });

    const error = (await tutor()
      .answer(request)
      .catch((e: unknown) => e)) as AppError;

    expect(error.code).toBe("tutor_unavailable");
    expect(error.userMessage).toContain("run out of credit");
  });

  it("turns 5xx answers and timeouts into TransientError, without retrying", async () => {
    const before = fake.requests.length;
    fake.push({ kind: "status", status: 503 });
    const unavailable = await tutor()
      .answer(request)
      .catch((e: unknown) => e);
    fake.push({ kind: "hang" });
    const timedOut = await tutor(300)
      .answer(request)
      .catch((e: unknown) => e);

    expect(unavailable).toBeInstanceOf(TransientError);
    expect(timedOut).toBeInstanceOf(TransientError);
    expect((timedOut as TransientError).message).toBe("the tutor timed out");
    expect(fake.requests.length - before).toBe(2);
  });

  it("names the setting to check when the key or the model is refused", async () => {
    fake.push({ kind: "status", status: 401 }, { kind: "status", status: 404 });

    const key = (await tutor()
      .answer(request)
      .catch((e: unknown) => e)) as AppError;
    const model = (await tutor()
      .answer(request)
      .catch((e: unknown) => e)) as AppError;

    expect(key.userMessage).toContain("OPENAI_API_KEY");
    expect(model.userMessage).toContain("OPENAI_MODEL");
  });

  it("reports a server that is not there as TransientError", async () => {
    const closed = await startFakeOpenAi();
    const baseUrl = closed.baseUrl;
    await closed.close();

    const error = await createOpenAiTutor({ apiKey: "k", baseUrl, model: "m" })
      .answer(request)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TransientError);
  });

  it("reads retry-after in seconds, as an HTTP date, or in milliseconds", () => {
    const now = Date.parse("2026-03-02T10:00:00Z");

    expect(retryAfterMs(new Headers({ "retry-after": "12" }), now)).toBe(12_000);
    expect(retryAfterMs(new Headers({ "retry-after": "Mon, 02 Mar 2026 10:00:30 GMT" }), now)).toBe(
      30_000,
    );
    expect(retryAfterMs(new Headers({ "retry-after-ms": "1500" }), now)).toBe(1_500);
    expect(retryAfterMs(new Headers(), now)).toBe(20_000);
  });
});
