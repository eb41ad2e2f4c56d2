import { accountLinkFeature } from "../../core/account-link/link-feature.js";
import { ManualClock } from "../../core/clock.js";
import type { Feature } from "../../core/conversation/command.js";
import { createConversation } from "../../core/conversation/router.js";
import { helpFeature } from "../../core/features/help.js";
import { createLearningDeps, type LearningDeps } from "../../core/learning/learning-deps.js";
import { learningFeatures } from "../../core/learning/learning-features.js";
import { silentLogger } from "../../core/logger.js";
import type { Platform, Reply } from "../../core/messages.js";
import { type Db, openDatabase } from "../../prisma/database.js";
import { migrate } from "../../prisma/migrate.js";
import { createAccountLinkStore } from "../../prisma/store/account-link.js";
import {
  type CachingAccountStore,
  createAccountStore,
  createUpdateLog,
} from "../../prisma/store/accounts.js";
import { createCatalogStore } from "../../prisma/store/catalog.js";
import { createCertificateStore } from "../../prisma/store/certificates.js";
import { createLearningStore } from "../../prisma/store/learning.js";
import { insertCourse, SQL_COURSE, testSigner } from "../learning/fixtures.js";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";

/** The second course of these tests: one lesson with a quiz. */
export const PYTHON_COURSE = {
  slug: "python-basics",
  title: "Python Basics",
  lessons: [
    {
      key: "variables",
      title: "Variables",
      parts: ["A variable names a value.", "`x = 3` binds 3 to x."],
      keyPoints: ["Variables name values", "`=` assigns"],
      quiz: [
        {
          type: "single" as const,
          prompt: "Which symbol assigns?",
          options: ["==", "="],
          correct: [1],
          explanation: "`=` assigns; `==` compares.",
        },
      ],
    },
  ],
};

/** A conversation with the learning features and `/link` over real stores, on two courses. */
export interface LinkHarness {
  db: Db;
  clock: ManualClock;
  accounts: CachingAccountStore;
  deps: LearningDeps;
  /** Sends `text` as `user` on `platform` in a private chat. */
  say(platform: Platform, user: string, text: string, group?: boolean): Promise<Reply[]>;
  /** Presses a button as `user` on `platform`. */
  press(platform: Platform, user: string, action: string): Promise<Reply[]>;
  /** The learner id behind an account. */
  learnerOf(platform: Platform, user: string): Promise<string>;
  close(): Promise<void>;
}

/** Builds a {@link LinkHarness}; `extra` adds features such as the tutor. */
export async function createLinkHarness(
  kind: "sqlite" | "postgres",
  extra: (deps: LearningDeps, accounts: CachingAccountStore, db: Db) => Feature[] = () => [],
): Promise<LinkHarness> {
  const database: TestDatabase = await createTestDatabase(kind);
  await migrate(database.url);
  const db = await openDatabase(database.url);
  await insertCourse(db, SQL_COURSE);
  await insertCourse(db, PYTHON_COURSE);
  const clock = new ManualClock("2026-03-02T10:00:00Z");
  const accounts = createAccountStore(db);
  const deps = createLearningDeps({
    catalog: createCatalogStore(db),
    learning: createLearningStore(db),
    certificates: createCertificateStore(db),
    signer: testSigner(),
    accounts,
    publicUrl: "https://studyhall.test",
    issuer: "StudyHall Test",
  });
  const link = accountLinkFeature({
    store: createAccountLinkStore(db),
    accounts,
    forgetLearner: (id) => accounts.forget(id),
  });
  const conversation = createConversation({
    accounts,
    updates: createUpdateLog(db),
    clock,
    logger: silentLogger,
    features: [
      ...learningFeatures(deps),
      link,
      ...extra(deps, accounts, db),
      helpFeature(() => conversation.commands()),
    ],
  });
  const send = (platform: Platform, user: string, input: object, group = false) =>
    conversation.handle({
      platform,
      userId: user,
      displayName: `Learner ${user}`,
      chat: group
        ? { id: "group-1", kind: "group" }
        : { id: `${platform}-${user}`, kind: "direct" },
      ...input,
    });
  return {
    db,
    clock,
    accounts,
    deps,
    say: (platform, user, text, group) => send(platform, user, { text }, group),
    press: (platform, user, action) => send(platform, user, { action }),
    async learnerOf(platform, user) {
      const account = await db.account.findUniqueOrThrow({
        where: { platform_externalId: { platform, externalId: user } },
      });
      return account.learnerId;
    },
    async close() {
      await db.$disconnect();
      await database.drop();
    },
  };
}

/** The six-digit code in a `/link` reply. */
export function codeIn(replies: Reply[]): string {
  const match = /\*\*(\d{6})\*\*/.exec(replies[0]?.text ?? "");
  if (!match) throw new Error(`no link code in: ${JSON.stringify(replies)}`);
  return match[1]!;
}
