import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createSlackAdapter,
  type SlackAdapter,
  type SlackAdapterDeps,
} from "../../../bots/slack/adapter.js";
import type { ConversationHandler } from "../../../core/conversation/router.js";
import { silentLogger } from "../../../core/logger.js";
import { createWebApp } from "../../../web/server.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../fakes/slack/fake-slack-api.js";
import { memoryAccounts, memoryUpdateLog } from "../../fakes/slack/memory-ports.js";
import { memoryActionTokens } from "../../fakes/slack/memory-tokens.js";

/** Secrets the tests sign with. */
export const BOT_TOKEN = "xoxb-test-token";
export const SIGNING_SECRET = "test-signing-secret";

/** A Slack adapter in HTTP mode on a local server, talking to a fake Web API. */
export interface SlackHarness {
  api: FakeSlackApi;
  adapter: SlackAdapter;
  baseUrl: string;
  close(): Promise<void>;
}

/** Starts the fake API first (Bolt's auth.test reaches it in start()), then the app. */
export async function startSlackHarness(
  conversation: ConversationHandler,
  extra: Partial<SlackAdapterDeps> = {},
  processBeforeResponse = true,
): Promise<SlackHarness> {
  const api = await startFakeSlackApi(BOT_TOKEN);
  const adapter = createSlackAdapter({
    connection: {
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      apiUrl: api.url,
      retries: 0,
      processBeforeResponse,
    },
    conversation,
    accounts: memoryAccounts(),
    updates: memoryUpdateLog(),
    tokens: memoryActionTokens(),
    logger: silentLogger,
    ...extra,
  });
  const web = createWebApp(adapter.router ? [adapter.router] : [], silentLogger);
  const server: Server = web.listen(0, "127.0.0.1");
  await once(server, "listening");
  await adapter.start();
  const { port } = server.address() as AddressInfo;
  return {
    api,
    adapter,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await adapter.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await api.close();
    },
  };
}
