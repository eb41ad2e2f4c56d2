/**
 * A Telegram adapter against the fake Bot API with a real router and stores on a fresh SQLite
 * database, for transport tests that need only a few small features.
 */
import { createTelegramAdapter, type TelegramAdapter } from "../../../bots/telegram/adapter.js";
import { systemClock } from "../../../core/clock.js";
import type { Feature } from "../../../core/conversation/command.js";
import { createConversation } from "../../../core/conversation/router.js";
import { silentLogger } from "../../../core/logger.js";
import type { AccountStore } from "../../../core/ports/accounts.js";
import { type Db, openDatabase } from "../../../prisma/database.js";
import { migrate } from "../../../prisma/migrate.js";
import {
  createAccountStore,
  createActionTokenStore,
  createUpdateLog,
} from "../../../prisma/store/accounts.js";
import { createStudyGroupStore } from "../../../prisma/store/community.js";
import { createTelegramPollRegistry } from "../../../prisma/store/telegram-polls.js";
import { type FakeBotApi, startFakeBotApi } from "../../fakes/telegram/fake-bot-api.js";
import { createTestDatabase, type TestDatabase } from "../../support/databases.js";

/** A running adapter, its fake Bot API and database. */
export interface TelegramHarness {
  fake: FakeBotApi;
  adapter: TelegramAdapter;
  db: Db;
  /** Builds a second adapter on the same database and fake (a restarted process). */
  restart(): Promise<TelegramAdapter>;
  close(): Promise<void>;
}

/** Starts the fake, a database and an adapter in polling mode with `features`. */
export async function startTelegramHarness(
  features: Feature[] | ((accounts: AccountStore) => Feature[]),
): Promise<TelegramHarness> {
  const fake = await startFakeBotApi();
  const database: TestDatabase = await createTestDatabase("sqlite");
  await migrate(database.url);
  const db = await openDatabase(database.url);
  const build = () => {
    const accounts = createAccountStore(db);
    const conversation = createConversation({
      accounts,
      updates: createUpdateLog(db),
      clock: systemClock,
      logger: silentLogger,
      features: typeof features === "function" ? features(accounts) : features,
    });
    return createTelegramAdapter({
      token: fake.token,
      apiRoot: fake.apiRoot,
      publicUrl: "http://127.0.0.1:1",
      conversation,
      tokens: createActionTokenStore(db),
      polls: createTelegramPollRegistry(db),
      groups: createStudyGroupStore(db),
      logger: silentLogger,
      pollTimeoutSeconds: 1,
    });
  };
  let adapter = build();
  await adapter.start();
  return {
    fake,
    adapter,
    db,
    async restart() {
      await adapter.stop();
      adapter = build();
      await adapter.start();
      return adapter;
    },
    async close() {
      await adapter.stop();
      await fake.close();
      await db.$disconnect();
      await database.drop();
    },
  };
}
