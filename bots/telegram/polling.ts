/**
 * Long polling with getUpdates (https://core.telegram.org/bots/api#getupdates). Each batch is
 * confirmed by the next call's offset; updates of one chat run in order, chats in parallel.
 * A failing update or call is logged and polling goes on; only stop() ends it.
 */
import type { Logger } from "../../core/logger.js";
import { type BotApiCall, telegramFailure } from "./bot-api.js";
import type { TgUpdate } from "./inbound.js";

/** Update kinds the bot asks for. */
export const ALLOWED_UPDATES = ["message", "callback_query", "poll_answer", "my_chat_member"];

/** Options of {@link startPolling}. */
export interface PollingOptions {
  api: BotApiCall;
  handle: (update: TgUpdate) => Promise<void>;
  log: Logger;
  /** Seconds Telegram holds a getUpdates call open when there is nothing new. */
  timeoutSeconds?: number;
}

/** A running polling loop. */
export interface Polling {
  /** Ends the loop after the batch in hand is handled. */
  stop(): Promise<void>;
}

/** Starts the loop in the background; returns at once (unlike telegraf's launch()). */
export function startPolling(options: PollingOptions): Polling {
  const abort = new AbortController();
  const loop = run(options, abort.signal);
  return {
    async stop() {
      abort.abort();
      await loop;
    },
  };
}

async function run(options: PollingOptions, signal: AbortSignal): Promise<void> {
  let offset = 0;
  let failures = 0;
  while (!signal.aborted) {
    let updates: TgUpdate[];
    try {
      const payload = {
        offset,
        timeout: options.timeoutSeconds ?? 25,
        allowed_updates: ALLOWED_UPDATES,
      };
      updates = (await options.api("getUpdates", payload, signal)) as TgUpdate[];
      failures = 0;
    } catch (error) {
      if (signal.aborted) return;
      failures++;
      const retryAfter = telegramFailure(error)?.retryAfter;
      const delay = retryAfter ? retryAfter * 1000 : Math.min(30_000, 500 * 2 ** failures);
      options.log.warn({ err: String(error), delay }, "getUpdates failed; retrying");
      await pause(delay, signal);
      continue;
    }
    if (updates.length === 0) continue;
    offset = Math.max(...updates.map((update) => update.update_id)) + 1;
    await handleBatch(updates, options.handle);
  }
}

/** Runs each chat's updates in order and different chats side by side. */
async function handleBatch(updates: TgUpdate[], handle: (update: TgUpdate) => Promise<void>) {
  const byChat = new Map<string, TgUpdate[]>();
  for (const update of updates) {
    const key = chatKey(update);
    byChat.set(key, [...(byChat.get(key) ?? []), update]);
  }
  await Promise.all(
    [...byChat.values()].map(async (list) => {
      for (const update of list) await handle(update).catch(() => undefined);
    }),
  );
}

function chatKey(update: TgUpdate): string {
  const chat =
    update.message?.chat.id ??
    update.callback_query?.message?.chat.id ??
    update.my_chat_member?.chat.id ??
    update.poll_answer?.user?.id;
  return String(chat ?? update.update_id);
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
