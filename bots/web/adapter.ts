/**
 * The web chat as a platform: turns happen over POST /api/chat, and replies sent outside a turn
 * (scheduled lessons, reminders, announcements) land in the learner's web inbox, from which
 * GET /api/chat/stream pushes them to open pages.
 */
import type { PlatformAdapter, RateLimit } from "../../core/adapter.js";
import type { Clock } from "../../core/clock.js";
import { UnreachableError } from "../../core/errors.js";
import type { Logger } from "../../core/logger.js";
import type { Reply } from "../../core/messages.js";
import type { InboxMessage, WebInboxStore } from "../../core/ports/web-inbox.js";

/** What an open page hears from the adapter. */
export interface InboxSubscriber {
  /** New messages were appended to this user's inbox. */
  onMessages(messages: InboxMessage[]): void;
  /** The adapter is stopping; the stream should end. */
  onStop(): void;
}

/** The web chat adapter: a {@link PlatformAdapter} plus live subscriptions for open pages. */
export interface WebAdapter extends PlatformAdapter {
  /** Listens for messages pushed to `user`; returns the function that stops listening. */
  subscribe(user: string, subscriber: InboxSubscriber): () => void;
  /** Number of open subscriptions, for health and tests. */
  subscriberCount(): number;
}

/** Dependencies of {@link createWebAdapter}. */
export interface WebAdapterDeps {
  inbox: WebInboxStore;
  clock: Clock;
  logger: Logger;
}

/** Web pages have no platform quota; this only keeps one busy learner from hogging a dispatcher. */
export const WEB_RATE_LIMIT: RateLimit = { perSecond: 200 };

/** Creates the web chat adapter; it needs no token, so compose always registers it. */
export function createWebAdapter(deps: WebAdapterDeps): WebAdapter {
  const subscribers = new Map<string, Set<InboxSubscriber>>();
  const logger = deps.logger.child({ platform: "web" });

  function notify(user: string, messages: InboxMessage[]) {
    for (const subscriber of subscribers.get(user) ?? []) {
      try {
        subscriber.onMessages(messages);
      } catch (error) {
        logger.warn({ err: error }, "web inbox subscriber failed");
      }
    }
  }

  return {
    platform: "web",
    rateLimit: WEB_RATE_LIMIT,

    async start() {},

    async stop() {
      const all = [...subscribers.values()].flatMap((set) => [...set]);
      subscribers.clear();
      for (const subscriber of all) subscriber.onStop();
    },

    async send(target: string, replies: Reply[]) {
      const account = await deps.inbox.findAccount(target);
      if (!account) throw new UnreachableError(`no web chat user "${target}"`);
      if (replies.length === 0) return;
      const messages = await deps.inbox.append(account.id, replies, deps.clock.now());
      notify(target, messages);
    },

    subscribe(user, subscriber) {
      let set = subscribers.get(user);
      if (!set) {
        set = new Set();
        subscribers.set(user, set);
      }
      set.add(subscriber);
      return () => {
        const current = subscribers.get(user);
        current?.delete(subscriber);
        if (current?.size === 0) subscribers.delete(user);
      };
    },

    subscriberCount() {
      let count = 0;
      for (const set of subscribers.values()) count += set.size;
      return count;
    },
  };
}
