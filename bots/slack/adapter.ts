import type { App } from "@slack/bolt";
import type { Router } from "express";
import type { PlatformAdapter, RateLimit } from "../../core/adapter.js";
import type { ConversationHandler } from "../../core/conversation/router.js";
import type { Logger } from "../../core/logger.js";
import type { Reply } from "../../core/messages.js";
import type { AccountStore, ActionTokenStore, UpdateLog } from "../../core/ports/accounts.js";
import type { CourseListing } from "../../core/ports/catalog.js";
import { announceSubcommand, registerAnnounce, type SlackAnnounceDeps } from "./announce.js";
import { renderReply } from "./block-kit.js";
import { registerSlashCommand, type SlackSubcommand } from "./commands.js";
import { registerDirectMessages } from "./direct-messages.js";
import { groupsCreateSubcommand } from "./groups-create.js";
import { registerHome } from "./home.js";
import type { HomeSource } from "./home-view.js";
import { registerInteractions } from "./interactions.js";
import { createRuntime, type SlackRuntime } from "./runtime.js";
import { toDeliveryError } from "./send-errors.js";
import { createBoltApp, type SlackConnection } from "./slack-app.js";

/** Slack posts about one message per second per channel; bursts beyond are throttled. */
export const SLACK_RATE_LIMIT: RateLimit = { perSecond: 20, perChatPerSecond: 1 };

/** What the Slack adapter is built from (wired in app/compose.ts). */
export interface SlackAdapterDeps {
  connection: Omit<SlackConnection, "retries" | "processBeforeResponse"> & {
    retries?: number;
    processBeforeResponse?: boolean;
  };
  /** Slack user ids treated as instructors besides workspace admins (SLACK_INSTRUCTORS). */
  instructors?: readonly string[];
  conversation: ConversationHandler;
  accounts: AccountStore;
  updates: UpdateLog;
  tokens: ActionTokenStore;
  /** Home tab data; without it the Home tab is not published. */
  home?: HomeSource;
  /** The published courses; enables `/learn groups create`. */
  listCourses?: () => Promise<CourseListing[]>;
  /** The announcement service and its helpers; enables the `/learn announce` modal. */
  announcements?: SlackAnnounceDeps;
  logger: Logger;
}

/** The Slack adapter; in HTTP mode `router` serves /slack/events, /commands and /interactions. */
export interface SlackAdapter extends PlatformAdapter {
  readonly mode: "socket" | "http";
  readonly router?: Router;
}

/** Registers every listener: `/learn`, buttons and modals, DM text, Home and announcements. */
function registerListeners(app: App, rt: SlackRuntime, deps: SlackAdapterDeps): void {
  const special: Record<string, SlackSubcommand> = {};
  if (deps.listCourses) special.groups = groupsCreateSubcommand(deps.listCourses);
  if (deps.announcements) {
    special.announce = announceSubcommand(deps.announcements);
    registerAnnounce(app, rt, deps.announcements);
  }
  registerSlashCommand(app, rt, special);
  registerInteractions(app, rt);
  registerDirectMessages(app, rt);
  registerHome(app, rt);
  app.error(async (error) => {
    rt.log.error({ err: error }, "Slack listener failed");
  });
}

/** Sends replies outside a turn (deliveries), mapping Slack's failures to the core's errors. */
async function sendReplies(rt: SlackRuntime, target: string, replies: Reply[]): Promise<void> {
  for (const reply of replies) {
    for (const message of await renderReply(reply, rt.render())) {
      try {
        await rt.client.chat.postMessage({ channel: target, ...message });
      } catch (error) {
        throw toDeliveryError(error, "chat.postMessage");
      }
    }
  }
}

/** Builds the Slack adapter on Bolt: Socket Mode with an app token, HTTP mode otherwise. */
export function createSlackAdapter(deps: SlackAdapterDeps): SlackAdapter {
  const log = deps.logger.child({ platform: "slack" });
  const connection: SlackConnection = {
    retries: 2,
    processBeforeResponse: false,
    ...deps.connection,
  };
  const { app, router, mode } = createBoltApp(connection, log);
  const rt = createRuntime({
    client: app.client,
    conversation: deps.conversation,
    accounts: deps.accounts,
    updates: deps.updates,
    tokens: deps.tokens,
    home: deps.home,
    instructors: deps.instructors ?? [],
    log,
  });
  registerListeners(app, rt, deps);

  return {
    platform: "slack",
    rateLimit: SLACK_RATE_LIMIT,
    mode,
    router,
    async start() {
      await app.init();
      if (mode === "socket") await app.start();
    },
    async stop() {
      if (mode === "socket") await app.stop();
    },
    send: (target, replies) => sendReplies(rt, target, replies),
  };
}
