/**
 * The Bot API client of the adapter: telegraf's `Telegram` class behind one `call` function,
 * and the mapping of Telegram failures onto StudyHall's errors.
 */
import { Telegram, TelegramError } from "telegraf";
import { AppError, RateLimitedError, TransientError, UnreachableError } from "../../core/errors.js";

/** Calls a Bot API method (https://core.telegram.org/bots/api#available-methods). */
export type BotApiCall = (
  method: string,
  payload: Record<string, unknown>,
  signal?: AbortSignal,
) => Promise<unknown>;

/** Where and how to reach the Bot API. */
export interface BotApiOptions {
  token: string;
  /** A local Bot API server or a test fake; Telegram's own by default. */
  apiRoot?: string;
}

/** Builds the client; answers never ride on a webhook response (`webhookReply` off). */
export function createBotApi(options: BotApiOptions): BotApiCall {
  const telegram = new Telegram(options.token, {
    apiRoot: options.apiRoot ?? "https://api.telegram.org",
    webhookReply: false,
  });
  const callApi = telegram.callApi.bind(telegram) as unknown as (
    method: string,
    payload: Record<string, unknown>,
    options: { signal?: AbortSignal },
  ) => Promise<unknown>;
  return (method, payload, signal) => callApi(method, payload, { signal });
}

/** Status and description of a Bot API failure, when `error` is one. */
export function telegramFailure(
  error: unknown,
): { code: number; description: string; retryAfter?: number } | null {
  if (!(error instanceof TelegramError)) return null;
  const retryAfter = error.parameters?.retry_after;
  return { code: error.code, description: error.description, retryAfter };
}

const UNREACHABLE = [
  /bot was blocked by the user/i,
  /user is deactivated/i,
  /chat not found/i,
  /bot can't initiate conversation/i,
  /bot was kicked/i,
  /not a member of the (super)?group/i,
  /group chat was (upgraded|deactivated)/i,
];

/**
 * Maps a failed call onto the errors the delivery dispatcher acts on: 429 -> RateLimitedError
 * (retry_after), blocked or gone chats -> UnreachableError, 5xx and network -> TransientError.
 * Anything else (a rejected request) is an AppError that retrying will not fix.
 */
export function toDeliveryError(error: unknown, method: string): AppError {
  const failure = telegramFailure(error);
  if (!failure) {
    return new TransientError(`telegram ${method}: ${describe(error)}`, { cause: error });
  }
  const message = `telegram ${method}: ${failure.code} ${failure.description}`;
  if (failure.code === 429) {
    return new RateLimitedError((failure.retryAfter ?? 1) * 1000, message, { cause: error });
  }
  if (failure.code >= 500) return new TransientError(message, { cause: error });
  if (UNREACHABLE.some((pattern) => pattern.test(failure.description))) {
    return new UnreachableError(message, { cause: error });
  }
  return new AppError("platform_rejected", message, { cause: error });
}

/** True when the chat cannot be written to (blocked, never started, gone). */
export function isUnreachable(error: unknown): boolean {
  return toDeliveryError(error, "").code === "unreachable";
}

/** True for "message is not modified": the edit would change nothing, which is fine. */
export function isNotModified(error: unknown): boolean {
  return /message is not modified/i.test(telegramFailure(error)?.description ?? "");
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
