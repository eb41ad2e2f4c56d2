import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../prisma/database.js";
import { migrate } from "../../prisma/migrate.js";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases.js";

describe.each(DATABASE_KINDS)("migrations on %s", (kind) => {
  const made: TestDatabase[] = [];
  afterAll(async () => {
    for (const database of made) await database.drop();
  });

  it("apply once, and a second run applies nothing", async () => {
    const database = await createTestDatabase(kind);
    made.push(database);

    const first = await migrate(database.url);
    const second = await migrate(database.url);

    expect(first.length).toBeGreaterThan(0);
    expect(second).toEqual([]);
    const db = await openDatabase(database.url);
    await db.course.count().then((count) => expect(count).toBe(0));
    await db.$disconnect();
  });
});
