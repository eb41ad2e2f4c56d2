import type { Router } from "express";
import type { AnnouncementService } from "../../core/announcements/announcement-service.js";
import type { Clock } from "../../core/clock.js";
import type { ConversationHandler } from "../../core/conversation/router.js";
import type { Logger } from "../../core/logger.js";
import type { AccountStore, ActionTokenStore } from "../../core/ports/accounts.js";
import type { CatalogStore } from "../../core/ports/catalog.js";
import type { EventStore, StaffStore, StudyGroupStore } from "../../core/ports/community.js";
import { createDiscordAdapter, type DiscordAdapter } from "./adapter.js";
import { announceFlow } from "./announce.js";
import { discordInteractionsRoute } from "./interactions-route.js";
import { recordInterest, scheduledEventFlow } from "./scheduled-events.js";
import { studyGroupChoices, studyThreadFlow } from "./study-threads.js";

/** Configuration and ports of the whole Discord integration, given by app/compose.ts. */
export interface DiscordDeps {
  token: string;
  apiBase?: string;
  publicKey?: string;
  instructorRole?: string;
  /** False serves interactions only over HTTP (no gateway connection in this process). */
  connectGateway?: boolean;
  conversation: ConversationHandler;
  accounts: Pick<AccountStore, "identify">;
  tokens: ActionTokenStore;
  catalog: Pick<CatalogStore, "listCourses">;
  groups: StudyGroupStore;
  events: EventStore;
  staff: StaffStore;
  announcements: AnnouncementService;
  clock: Clock;
  logger: Logger;
  deferAfterMs?: number;
  shards?: number[];
  shardCount?: number;
}

/** The Discord adapter and, when DISCORD_PUBLIC_KEY is set, its HTTP interactions route. */
export interface DiscordIntegration {
  adapter: DiscordAdapter;
  router?: Router;
}

/** Wires the adapter with the study-thread, scheduled-event and announce flows. */
export function createDiscord(deps: DiscordDeps): DiscordIntegration {
  const threads = {
    conversation: deps.conversation,
    groups: deps.groups,
    catalog: deps.catalog,
    tokens: deps.tokens,
  };
  const events = {
    accounts: deps.accounts,
    events: deps.events,
    staff: deps.staff,
    catalog: deps.catalog,
    clock: deps.clock,
  };
  const adapter = createDiscordAdapter({
    ...deps,
    flows: (tools) => [
      studyThreadFlow(threads, tools),
      scheduledEventFlow(events, tools),
      announceFlow({ accounts: deps.accounts, announcements: deps.announcements }, tools),
    ],
    choices: async (option, query) => (option === "group" ? studyGroupChoices(threads, query) : []),
    onInterest: (tools, change, interested) => recordInterest(events, tools, change, interested),
  });
  const router = deps.publicKey
    ? discordInteractionsRoute({
        publicKey: deps.publicKey,
        interactions: adapter.interactions,
        clock: deps.clock,
        logger: deps.logger,
      })
    : undefined;
  return { adapter, router };
}
