import { DiscordAPIError, HTTPError, RateLimitError, type REST, Routes } from "discord.js";
import { AppError, RateLimitedError, TransientError, UnreachableError } from "../../core/errors.js";
import type { Reply } from "../../core/messages.js";
import type { ActionTokenStore } from "../../core/ports/accounts.js";
import { ANYONE } from "./custom-id.js";
import { renderReplies } from "./render.js";

/** Discord error codes meaning the target can no longer receive messages from the bot. */
const UNREACHABLE_CODES = new Set([
  10003, // Unknown Channel
  10013, // Unknown User
  50001, // Missing Access
  50007, // Cannot send messages to this user
  50013, // Missing Permissions
]);

/**
 * Posts replies to a channel, thread or DM channel for the delivery pipeline, with `rest` set to
 * reject on rate limits and never retry, so the dispatcher decides: 429 -> RateLimitedError,
 * a gone user or channel -> UnreachableError, 5xx and network failures -> TransientError.
 */
export async function sendToChannel(
  rest: REST,
  tokens: ActionTokenStore,
  channelId: string,
  replies: Reply[],
): Promise<void> {
  const messages = await renderReplies(replies, ANYONE, tokens);
  for (const message of messages) {
    try {
      await rest.post(Routes.channelMessages(channelId), { body: message.body });
    } catch (error) {
      throw toDeliveryError(error, channelId);
    }
  }
}

/** Maps a REST failure to the error the delivery dispatcher acts on. */
export function toDeliveryError(error: unknown, target: string): AppError {
  if (error instanceof RateLimitError) {
    return new RateLimitedError(
      Math.max(error.retryAfter, 1),
      `Discord rate limit on ${error.route}`,
      {
        cause: error,
      },
    );
  }
  if (error instanceof DiscordAPIError) {
    const code = Number(error.code);
    if (UNREACHABLE_CODES.has(code)) {
      return new UnreachableError(`Discord ${code} for ${target}: ${error.message}`, {
        cause: error,
      });
    }
    if (error.status >= 500)
      return new TransientError(`Discord ${error.status}: ${error.message}`, { cause: error });
    return new AppError(
      "discord_rejected",
      `Discord ${error.status}/${code} for ${target}: ${error.message}`,
      {
        cause: error,
      },
    );
  }
  if (error instanceof HTTPError) {
    return new TransientError(`Discord HTTP ${error.status} ${error.method} ${error.url}`, {
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new TransientError(`Discord request failed: ${message}`, { cause: error });
}
