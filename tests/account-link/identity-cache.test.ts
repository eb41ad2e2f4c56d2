import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type Db, openDatabase } from "../../prisma/database.js";
import { migrate } from "../../prisma/migrate.js";
import { createAccountStore, IDENTITY_CACHE_MS } from "../../prisma/store/accounts.js";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";

const sender = (externalId: string) => ({
  platform: "telegram" as const,
  externalId,
  displayName: `Learner ${externalId}`,
});

describe("the account store's identity cache after a link", () => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    await migrate(database.url);
    db = await openDatabase(database.url);
    await db.learner.create({ data: { id: "keeper", displayName: "Keeper" } });
  });
  afterEach(() => vi.useRealTimers());
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it("forget(learnerId) makes the next identify read the account's new learner", async () => {
    const accounts = createAccountStore(db);
    const first = await accounts.identify(sender("moved-1"));
    await db.account.update({ where: { id: first.account.id }, data: { learnerId: "keeper" } });
    const cached = await accounts.identify(sender("moved-1"));

    accounts.forget(first.learner.id);
    const fresh = await accounts.identify(sender("moved-1"));

    expect(cached.learner.id).toBe(first.learner.id);
    expect(fresh.learner.id).toBe("keeper");
    expect(fresh.account.learnerId).toBe("keeper");
  });

  it("trusts a cached identity for a minute, so other processes' links show up", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-03-02T10:00:00Z"));
    const accounts = createAccountStore(db);
    const first = await accounts.identify(sender("moved-2"));
    await db.account.update({ where: { id: first.account.id }, data: { learnerId: "keeper" } });

    vi.setSystemTime(new Date(Date.parse("2026-03-02T10:00:00Z") + IDENTITY_CACHE_MS - 1));
    const within = await accounts.identify(sender("moved-2"));
    vi.setSystemTime(new Date(Date.parse("2026-03-02T10:00:00Z") + IDENTITY_CACHE_MS));
    const after = await accounts.identify(sender("moved-2"));

    expect(within.learner.id).toBe(first.learner.id);
    expect(after.learner.id).toBe("keeper");
  });
});
