import OpenAI from "openai";
import { AppError, RateLimitedError, TransientError } from "../../core/errors.js";

/** Wait suggested when a 429 carries no retry-after header. */
export const DEFAULT_RETRY_AFTER_MS = 20_000;

/** Milliseconds from `retry-after-ms` or `retry-after` (seconds or an HTTP date). */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number {
  const ms = Number(headers?.get("retry-after-ms"));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const value = headers?.get("retry-after");
  if (!value) return DEFAULT_RETRY_AFTER_MS;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? DEFAULT_RETRY_AFTER_MS : Math.max(0, date - now);
}

function unavailable(message: string, userMessage: string, cause: unknown): AppError {
  return new AppError("tutor_unavailable", message, { userMessage, cause });
}

/**
 * Maps what the openai package throws to StudyHall's errors: 429 to RateLimitedError (or,
 * for an exhausted quota, tutor_unavailable), timeouts, network failures and 5xx to
 * TransientError, a refused key or unknown model to tutor_unavailable naming the setting.
 */
export function mapOpenAiError(error: unknown): AppError {
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new TransientError("the tutor timed out", { cause: error });
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return new TransientError(`the tutor is unreachable: ${error.message}`, { cause: error });
  }
  if (!(error instanceof OpenAI.APIError)) {
    return new TransientError(`the tutor failed: ${String(error)}`, { cause: error });
  }
  const status = error.status ?? 0;
  const where = `OpenAI API ${status}`;
  if (status === 429 && error.code === "insufficient_quota") {
    return unavailable(
      `${where}: quota exhausted`,
      "The tutor is unavailable: this server's OpenAI account has run out of credit. Please tell an admin.",
      error,
    );
  }
  if (status === 429)
    return new RateLimitedError(retryAfterMs(error.headers), where, { cause: error });
  if (status === 401 || status === 403) {
    return unavailable(
      `${where}: key refused`,
      "The tutor is unavailable: the server's OpenAI key was refused. An admin needs to check OPENAI_API_KEY.",
      error,
    );
  }
  if (status === 404) {
    return unavailable(
      `${where}: model not found`,
      "The tutor is unavailable: the configured model does not exist on the tutor's server. An admin needs to check OPENAI_MODEL and OPENAI_BASE_URL.",
      error,
    );
  }
  if (status >= 500 || status === 408 || status === 409) {
    return new TransientError(`${where}: ${error.message}`, { cause: error });
  }
  return unavailable(
    `${where}: ${error.message}`,
    "The tutor could not answer that question. Please rephrase it or ask about another part of the lesson.",
    error,
  );
}
