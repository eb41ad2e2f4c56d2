import { App, ExpressReceiver, SocketModeReceiver } from "@slack/bolt";
import { Router } from "express";
import type { Logger } from "../../core/logger.js";
import { boltLogger } from "./bolt-logger.js";

/** The HTTP paths Slack posts to in HTTP mode (see slack-manifest.yaml). */
export const SLACK_ENDPOINTS = {
  events: "/slack/events",
  commands: "/slack/commands",
  interactions: "/slack/interactions",
} as const;

/** How to reach Slack. */
export interface SlackConnection {
  botToken: string;
  /** Signs HTTP-mode requests (Basic Information page). */
  signingSecret: string;
  /** An app-level token (xapp-...) switches to Socket Mode. */
  appToken?: string;
  /** Web API base URL, e.g. https://slack-gov.com/api/ or a local fake. */
  apiUrl?: string;
  /** Web API retries after a network error or 5xx (0 in tests). */
  retries: number;
  /** Run listeners before answering HTTP requests (tests); in production ack answers first. */
  processBeforeResponse: boolean;
}

/** A Bolt app and, in HTTP mode, the router to mount on StudyHall's Express server. */
export interface BoltSetup {
  app: App;
  router?: Router;
  mode: "socket" | "http";
}

/** Normalizes a Web API base URL to end in "/", as the Web API client expects. */
export function apiBaseUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return url.endsWith("/") ? url : `${url}/`;
}

/**
 * Builds the Bolt app: Socket Mode when an app token is given, otherwise an ExpressReceiver
 * whose router checks Slack's signature and 5-minute timestamp window (401 on failure).
 */
export function createBoltApp(connection: SlackConnection, logger: Logger): BoltSetup {
  const log = boltLogger(logger);
  const slackApiUrl = apiBaseUrl(connection.apiUrl);
  const clientOptions = {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    // 429s reach the caller, which knows whether to wait (delivery) or give up (a turn).
    rejectRateLimitedCalls: true,
    retryConfig: { retries: connection.retries, factor: 2, minTimeout: 500, maxTimeout: 4000 },
  };
  const common = {
    token: connection.botToken,
    logger: log,
    clientOptions,
    // auth.test runs in start(), not in the constructor, so building the app needs no network.
    deferInitialization: true,
  };
  if (connection.appToken) {
    const receiver = new SocketModeReceiver({
      appToken: connection.appToken,
      logger: log,
      // Only the base URL: the socket client keeps its own patient retries for reconnecting.
      installerOptions: { clientOptions: slackApiUrl ? { slackApiUrl } : {} },
    });
    return { app: new App({ ...common, receiver }), mode: "socket" };
  }
  const router = Router();
  const receiver = new ExpressReceiver({
    signingSecret: connection.signingSecret,
    endpoints: { ...SLACK_ENDPOINTS },
    processBeforeResponse: connection.processBeforeResponse,
    logger: log,
    router,
  });
  return { app: new App({ ...common, receiver }), router, mode: "http" };
}
