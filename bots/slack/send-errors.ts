import { AppError, RateLimitedError, TransientError, UnreachableError } from "../../core/errors.js";

/** Slack error codes meaning the recipient cannot be reached any more. */
const UNREACHABLE = new Set([
  "account_inactive",
  "user_not_found",
  "users_not_found",
  "channel_not_found",
  "is_archived",
  "not_in_channel",
  "user_disabled",
  "cannot_dm_bot",
]);

interface SlackCallError {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  data?: { error?: string };
  original?: Error;
}

/** The Slack error code of a failed Web API call ("channel_not_found"), if it has one. */
export function slackErrorCode(error: unknown): string | undefined {
  return (error as SlackCallError | null)?.data?.error;
}

/**
 * Maps a Web API failure to the core's delivery errors: 429 to RateLimitedError with Slack's
 * Retry-After, gone recipients to UnreachableError, 5xx and network failures to
 * TransientError. Other errors (invalid_blocks, a bug of ours) are returned as an AppError.
 */
export function toDeliveryError(error: unknown, method: string): AppError {
  const failure = (error ?? {}) as SlackCallError;
  if (failure.code === "slack_webapi_rate_limited_error") {
    return new RateLimitedError((failure.retryAfter ?? 1) * 1000, `Slack ${method} rate limited`, {
      cause: error,
    });
  }
  const code = slackErrorCode(error);
  if (code === "ratelimited")
    return new RateLimitedError(1000, `Slack ${method}`, { cause: error });
  if (code && UNREACHABLE.has(code)) {
    return new UnreachableError(`Slack ${method}: ${code}`, { cause: error });
  }
  if (
    failure.code === "slack_webapi_request_error" ||
    (failure.code === "slack_webapi_http_error" && (failure.statusCode ?? 0) >= 500) ||
    code === "internal_error" ||
    code === "fatal_error" ||
    code === "service_unavailable"
  ) {
    return new TransientError(
      `Slack ${method} failed: ${code ?? failure.statusCode ?? "network"}`,
      {
        cause: error,
      },
    );
  }
  return new AppError("slack_api_error", `Slack ${method} failed: ${code ?? String(error)}`, {
    cause: error,
  });
}
