import type { ManualClock } from "../../core/clock.js";
import type { Feature } from "../../core/conversation/command.js";
import { createConversation } from "../../core/conversation/router.js";
import { silentLogger } from "../../core/logger.js";
import type { Inbound } from "../../core/messages.js";
import type { CourseListing } from "../../core/ports/catalog.js";
import { type Db, openDatabase } from "../../prisma/database.js";
import { migrate } from "../../prisma/migrate.js";
import { createAccountStore, createUpdateLog } from "../../prisma/store/accounts.js";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";

/** A migrated database with one course, for the community tests. */
export async function communityDatabase(kind: "sqlite" | "postgres") {
  const database: TestDatabase = await createTestDatabase(kind);
  await migrate(database.url);
  const db: Db = await openDatabase(database.url);
  await db.course.create({
    data: {
      id: "course00000a",
      slug: "sql-basics",
      title: "SQL Basics",
      summary: "Query tables",
      level: "beginner",
      instructorName: "Ada",
      estimatedMinutes: 60,
      completionRule: "{}",
      contentHash: "h1",
    },
  });
  const course: CourseListing = {
    id: "course00000a",
    slug: "sql-basics",
    title: "SQL Basics",
    summary: "Query tables",
    level: "beginner",
    language: "en",
    topics: [],
    instructorName: "Ada",
    estimatedMinutes: 60,
    lessonCount: 0,
    contentHash: "h1",
  };
  return {
    db,
    course,
    async close() {
      await db.$disconnect();
      await database.drop();
    },
  };
}

/** A conversation over `features` with a manual clock, and a helper to send updates. */
export function conversationWith(db: Db, features: Feature[], clock: ManualClock) {
  const conversation = createConversation({
    accounts: createAccountStore(db),
    updates: createUpdateLog(db),
    clock,
    logger: silentLogger,
    features,
  });
  const send = (update: Partial<Inbound> & { userId: string }) =>
    conversation.handle({
      platform: "telegram",
      displayName: `Learner ${update.userId}`,
      chat: { id: update.userId, kind: "direct" },
      ...update,
    });
  return { conversation, send };
}
