/**
 * The Telegram adapter: long polling by default, a webhook on the StudyHall server when a
 * secret is configured, the command menu from the core's commands, and `send` for deliveries.
 */
import type { Router } from "express";
import type { PlatformAdapter, RateLimit } from "../../core/adapter.js";
import type { Command } from "../../core/conversation/command.js";
import type { ConversationHandler } from "../../core/conversation/router.js";
import type { Logger } from "../../core/logger.js";
import type { ActionTokenStore } from "../../core/ports/accounts.js";
import type { StudyGroupStore } from "../../core/ports/community.js";
import { type BotApiCall, createBotApi, telegramFailure, toDeliveryError } from "./bot-api.js";
import { createGroupRate } from "./group-rate.js";
import { createUpdateHandler } from "./handle-update.js";
import type { BotIdentity, TgUpdate } from "./inbound.js";
import type { PollRegistry } from "./poll-registry.js";
import { ALLOWED_UPDATES, type Polling, startPolling } from "./polling.js";
import { createReplySender } from "./send-replies.js";
import { telegramWebhookRouter, WEBHOOK_PATH } from "./webhook.js";

/** Telegram's send limits: about 30 messages/s, 1/s per chat, 20/min per group. */
export const TELEGRAM_RATE_LIMIT: RateLimit = {
  perSecond: 30,
  perChatPerSecond: 1,
  perGroupPerMinute: 20,
};

/** Options of {@link createTelegramAdapter}. */
export interface TelegramAdapterOptions {
  token: string;
  apiRoot?: string;
  /** Webhook mode when set; long polling otherwise. */
  webhookSecret?: string;
  /** Public base URL of the StudyHall server, for the webhook. */
  publicUrl: string;
  conversation: ConversationHandler;
  tokens: ActionTokenStore;
  polls: PollRegistry;
  /** Study groups, followed to their new chat id when a group becomes a supergroup. */
  groups: Pick<StudyGroupStore, "movePlace">;
  logger: Logger;
  /** getUpdates hold time; tests shorten it. */
  pollTimeoutSeconds?: number;
}

/** The Telegram {@link PlatformAdapter}, plus its webhook route and update entry point. */
export interface TelegramAdapter extends PlatformAdapter {
  /** The webhook route to mount before the server starts; undefined in polling mode. */
  readonly webhookRouter: Router | undefined;
  /** The bot's username (known after start), for deep links. */
  botUsername(): string;
  /** Handles one update; what polling and the webhook call. */
  handleUpdate(update: TgUpdate): Promise<void>;
}

/** Builds the adapter; nothing talks to Telegram before start(). */
export function createTelegramAdapter(options: TelegramAdapterOptions): TelegramAdapter {
  const log = options.logger.child({ platform: "telegram" });
  const api = createBotApi({ token: options.token, apiRoot: options.apiRoot });
  const groupRate = createGroupRate({ perMinute: TELEGRAM_RATE_LIMIT.perGroupPerMinute ?? 20 });
  const sender = createReplySender({
    api,
    tokens: options.tokens,
    polls: options.polls,
    log,
    groupRate,
  });
  let bot: BotIdentity = { id: Number(options.token.split(":")[0]) || 0, username: "" };
  const handleUpdate = createUpdateHandler({
    api,
    sender,
    log,
    conversation: options.conversation,
    tokens: options.tokens,
    polls: options.polls,
    groups: options.groups,
    bot: () => bot,
    botUsername: () => bot.username,
  });
  const secret = options.webhookSecret;
  const webhookRouter = secret ? telegramWebhookRouter(secret, handleUpdate, log) : undefined;
  let polling: Polling | undefined;

  return {
    platform: "telegram",
    rateLimit: TELEGRAM_RATE_LIMIT,
    webhookRouter,
    botUsername: () => bot.username,
    handleUpdate,
    async start() {
      const me = await identify(api, options.apiRoot);
      bot = { id: me.id, username: me.username ?? "" };
      await api("setMyCommands", { commands: menuOf(options.conversation.commands()) });
      if (secret) {
        const url = `${options.publicUrl}${WEBHOOK_PATH}`;
        await api("setWebhook", {
          url,
          secret_token: secret,
          allowed_updates: ALLOWED_UPDATES,
        }).catch((error: unknown) => {
          const reason = telegramFailure(error)?.description ?? String(error);
          throw new Error(
            `Telegram refused the webhook ${url} (${reason}): PUBLIC_URL must be the public HTTPS address of StudyHall.`,
            { cause: error },
          );
        });
        log.info({ url }, "telegram webhook set");
        return;
      }
      // A webhook left over from an earlier deployment would make getUpdates fail (409).
      await api("deleteWebhook", { drop_pending_updates: false });
      polling = startPolling({
        api,
        handle: handleUpdate,
        log,
        timeoutSeconds: options.pollTimeoutSeconds,
      });
      log.info({ bot: bot.username }, "telegram long polling started");
    },
    async stop() {
      await polling?.stop();
      polling = undefined;
    },
    async send(target, replies) {
      try {
        await sender.send(target, replies, { waitOnRateLimit: false });
      } catch (error) {
        throw toDeliveryError(error, "send");
      }
    },
  };
}

/** getMe, with a start-up error that says which variable to fix. */
async function identify(api: BotApiCall, apiRoot = "https://api.telegram.org") {
  try {
    return (await api("getMe", {})) as { id: number; username?: string };
  } catch (error) {
    const failure = telegramFailure(error);
    if (failure?.code === 401 || failure?.code === 404) {
      throw new Error(
        `Telegram refused TELEGRAM_BOT_TOKEN (${failure.code} ${failure.description}): copy the token from @BotFather again.`,
        { cause: error },
      );
    }
    throw new Error(
      `Could not reach the Telegram Bot API at ${apiRoot} (${String(error)}): check the network or TELEGRAM_API_ROOT.`,
      { cause: error },
    );
  }
}

/** The command menu: learner commands whose names Telegram accepts, with their summaries. */
export function menuOf(
  commands: readonly Command[],
): Array<{ command: string; description: string }> {
  return commands
    .filter((command) => !command.instructorOnly && /^[a-z0-9_]{1,32}$/.test(command.name))
    .slice(0, 100)
    .map((command) => ({
      command: command.name,
      description: (command.summary || command.name).slice(0, 256),
    }));
}
