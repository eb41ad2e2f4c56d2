import type { Router } from "express";
import type { PlatformAdapter } from "../core/adapter.js";
import { createAnnouncementService } from "../core/announcements/announcement-service.js";
import type { Clock } from "../core/clock.js";
import type { ConversationHandler } from "../core/conversation/router.js";
import type { LearningDeps } from "../core/learning/learning-deps.js";
import type { Logger } from "../core/logger.js";
import type { Tutor } from "../core/ports/tutor.js";
import type { Db } from "../prisma/database.js";
import {
  type CachingAccountStore,
  createActionTokenStore,
  createUpdateLog,
} from "../prisma/store/accounts.js";
import { createAnnouncementStore } from "../prisma/store/announcements.js";
import { createCatalogStore } from "../prisma/store/catalog.js";
import {
  createEventStore,
  createStaffStore,
  createStudyGroupStore,
} from "../prisma/store/community.js";
import { createDeliveryStore } from "../prisma/store/deliveries.js";
import { createTelegramPollRegistry } from "../prisma/store/telegram-polls.js";
import type { ComposeOptions } from "./compose.js";
import type { Config } from "./config.js";

/** What the platform adapters are built from. */
export interface PlatformContext {
  config: Config;
  options: ComposeOptions;
  db: Db;
  conversation: ConversationHandler;
  accounts: CachingAccountStore;
  learning: LearningDeps;
  clock: Clock;
  logger: Logger;
}

/**
 * Adds an adapter for every platform whose tokens are configured, and the webhook routes it
 * serves. Each SDK (telegraf, @slack/bolt, discord.js) is imported only when its platform is
 * configured, which keeps an idle web-chat-only process small.
 */
export async function addPlatformAdapters(
  context: PlatformContext,
  adapters: PlatformAdapter[],
  routers: Router[],
): Promise<void> {
  const { config, options, db, conversation, accounts, learning, clock, logger } = context;
  if (config.telegram) {
    const { createTelegramAdapter } = await import("../bots/telegram/adapter.js");
    const telegram = createTelegramAdapter({
      ...config.telegram,
      publicUrl: config.publicUrl,
      conversation,
      tokens: createActionTokenStore(db),
      polls: createTelegramPollRegistry(db),
      groups: createStudyGroupStore(db),
      logger,
    });
    adapters.push(telegram);
    // The webhook route must be mounted before createWebApp adds its 404 handler.
    if (telegram.webhookRouter) routers.push(telegram.webhookRouter);
  }

  if (config.slack) {
    const { createSlackAdapter } = await import("../bots/slack/adapter.js");
    const { learningHomeSource } = await import("../bots/slack/home-source.js");
    const slack = createSlackAdapter({
      connection: { ...config.slack, ...options.slack },
      instructors: config.slack.instructors,
      conversation,
      accounts,
      updates: createUpdateLog(db),
      tokens: createActionTokenStore(db),
      home: learningHomeSource(learning, clock),
      listCourses: () => learning.courses.listings(),
      announcements: {
        service: createAnnouncementService({ store: createAnnouncementStore(db), clock }),
        listCourses: () => learning.courses.listings(),
        // The course's Slack study-group channels get a copy through the delivery queue.
        courseChannels: async (courseId) =>
          (await createStudyGroupStore(db).listForCourse(courseId))
            .filter((group) => group.platform === "slack")
            .map((group) => group.externalId),
        deliveries: createDeliveryStore(db),
        clock,
      },
      logger,
    });
    adapters.push(slack);
    // HTTP mode: /slack/events, /slack/commands and /slack/interactions, before the 404 handler.
    if (slack.router) routers.push(slack.router);
  }

  if (config.discord) {
    const { createDiscord } = await import("../bots/discord/discord.js");
    const discord = createDiscord({
      ...config.discord,
      connectGateway: config.discord.gateway,
      conversation,
      accounts,
      tokens: createActionTokenStore(db),
      catalog: createCatalogStore(db),
      groups: createStudyGroupStore(db),
      events: createEventStore(db),
      staff: createStaffStore(db),
      announcements: createAnnouncementService({ store: createAnnouncementStore(db), clock }),
      clock,
      logger,
    });
    adapters.push(discord.adapter);
    // POST /discord/interactions (DISCORD_PUBLIC_KEY), mounted before the 404 handler.
    if (discord.router) routers.push(discord.router);
  }
}

/** The OpenAI-backed tutor, loaded only when OPENAI_API_KEY is set. */
export async function createTutor(openai: NonNullable<Config["openai"]>): Promise<Tutor> {
  const { createOpenAiTutor } = await import("../bots/openai/openai-tutor.js");
  return createOpenAiTutor(openai);
}
