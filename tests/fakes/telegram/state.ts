/**
 * What the fake Bot API remembers: the calls, the messages per chat, the update queue with
 * getUpdates' offset and hold, the webhook, and the failures pushed by a test.
 */
import type http from "node:http";
import type { ApiCall, SentMessage } from "./fake-bot-api.js";
import { ApiFailure } from "./validate.js";

/** Builds the empty state of one fake. */
export function createState() {
  const queue: Array<Record<string, unknown> & { update_id: number }> = [];
  let waiters: Array<() => void> = [];
  const state = {
    calls: [] as ApiCall[],
    chats: new Map<number, SentMessage[]>(),
    failures: new Map<string, ApiFailure[]>(),
    blocked: new Set<number>(),
    started: new Set<number>(),
    admins: new Set<number>(),
    openCallbacks: new Set<string>(),
    webhook: null as { url: string; secret?: string } | null,
    commands: [] as Array<{ command: string; description: string }>,
    nextMessageId: 1,
    confirmedOffset: 0,
    nextPollId: 1,
    closing: false,
    noteStarted: (userId: number) => void state.started.add(userId),
    webhookResponses: [] as Array<{ status: number; body: string }>,
    enqueue(update: Record<string, unknown> & { update_id: number }) {
      if (state.webhook) {
        // With a webhook set, Telegram posts the update instead of queueing it.
        void postWebhook(state, update).then(
          (answer) => state.webhookResponses.push(answer),
          (error) => state.webhookResponses.push({ status: 0, body: String(error) }),
        );
        return;
      }
      const callback = update.callback_query as { id?: string } | undefined;
      if (callback?.id) state.openCallbacks.add(callback.id);
      queue.push(update);
      state.wake();
    },
    wake() {
      const current = waiters;
      waiters = [];
      for (const wake of current) wake();
    },
    async getUpdates(params: Record<string, unknown>, res: http.ServerResponse) {
      if (state.webhook) {
        throw new ApiFailure(
          409,
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
        );
      }
      const offset = Number(params.offset ?? 0);
      state.confirmedOffset = Math.max(state.confirmedOffset, offset);
      // Telegram forgets every update below the offset: they are confirmed.
      while (queue.length > 0 && queue[0]!.update_id < offset) queue.shift();
      const limit = Math.min(Number(params.limit ?? 100), 100);
      const holdMs = Math.min(Number(params.timeout ?? 0), 50) * 1000;
      if (queue.length === 0 && holdMs > 0 && !state.closing) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, holdMs);
          const done = () => {
            clearTimeout(timer);
            resolve();
          };
          waiters.push(done);
          res.on("close", done);
        });
      }
      return queue.slice(0, limit);
    },
  };
  return state;
}

/** The state of one fake. */
export type State = ReturnType<typeof createState>;

/** Posts an update to the webhook the bot set, as Telegram does, with the secret header. */
export async function postWebhook(
  state: State,
  update: Record<string, unknown>,
  secret?: string | null,
) {
  if (!state.webhook) throw new Error("no webhook is set");
  const callback = update.callback_query as { id?: string } | undefined;
  if (callback?.id) state.openCallbacks.add(callback.id);
  const headers: Record<string, string> = { "content-type": "application/json" };
  const header = secret === undefined ? state.webhook.secret : secret;
  if (header !== null && header !== undefined) headers["x-telegram-bot-api-secret-token"] = header;
  const response = await fetch(state.webhook.url, {
    method: "POST",
    headers,
    body: JSON.stringify(update),
  });
  return { status: response.status, body: await response.text() };
}
