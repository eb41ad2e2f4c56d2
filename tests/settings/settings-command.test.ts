import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../core/clock.js";
import { createConversation } from "../../core/conversation/router.js";
import { silentLogger } from "../../core/logger.js";
import { settingsFeature } from "../../core/settings/settings-feature.js";
import { type Db, openDatabase } from "../../prisma/database.js";
import { migrate } from "../../prisma/migrate.js";
import { createAccountStore, createUpdateLog } from "../../prisma/store/accounts.js";
import { createSettingsStore } from "../../prisma/store/settings.js";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases.js";

describe.each(DATABASE_KINDS)("/settings on %s", (kind) => {
  let database: TestDatabase;
  let db: Db;
  const clock = new ManualClock("2026-12-07T06:00:00Z");
  let say: (text: string, user?: string) => Promise<string>;
  let press: (action: string, user?: string) => Promise<string>;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await migrate(database.url);
    db = await openDatabase(database.url);
    const accounts = createAccountStore(db);
    const conversation = createConversation({
      accounts,
      updates: createUpdateLog(db),
      clock,
      logger: silentLogger,
      features: [
        settingsFeature({
          settings: createSettingsStore(db),
          forgetLearner: (learnerId) => accounts.forget(learnerId),
        }),
      ],
    });
    const send = async (user: string, body: { text?: string; action?: string }) => {
      const replies = await conversation.handle({
        platform: "web",
        userId: user,
        displayName: user,
        chat: { id: user, kind: "direct" },
        ...body,
      });
      return replies.map((reply) => reply.text).join("\n---\n");
    };
    say = (text, user = "ada") => send(user, { text });
    press = (action, user = "ada") => send(user, { action });
  });

  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it("shows the defaults and how to change them", async () => {
    const text = await say("/settings");
    expect(text).toContain("- Time zone: UTC");
    expect(text).toContain("- Lesson time: 9:00");
    expect(text).toContain("- Pace: 1 lesson per study day");
    expect(text).toContain("- Study days: every day");
    expect(text).toContain("Scheduled lessons are off");
    expect(text).toContain("/settings hour 7:30");
  });

  it("confirms a city as a zone and turns scheduled lessons on", async () => {
    const text = await say("/settings timezone Berlin");
    expect(text).toContain("Time zone set to Berlin (Europe/Berlin).");
    expect(text).toContain("Next one: Mon 7 Dec, 9:00 (Europe/Berlin)");
  });

  it("answers an unknown zone with close matches as buttons", async () => {
    const text = await say("/settings timezone Europe/Berln");
    expect(text).toContain(
      'I do not know the time zone "Europe/Berln". Did you mean one of these?',
    );
    expect(text).toContain("Europe/Berlin");
    const chosen = await press("settings:tz:Europe/Berlin");
    expect(chosen).toContain("Time zone set to Europe/Berlin.");
  });

  it("accepts an offset from a button even though it contains a colon", async () => {
    const text = await press("settings:tz:UTC+5:30");
    expect(text).toContain("Time zone set to UTC+5:30");
    await say("/settings timezone Europe/Berlin");
  });

  it("changes the hour and says the range when it is out of range", async () => {
    expect(await say("/settings hour 7:30")).toContain("Lessons now arrive at 7:30 your time.");
    const bad = await say("/settings hour 24:10");
    expect(bad).toContain("24 is out of range");
    expect(bad).toContain("The hour must be from 0 to 23 (0:00 to 23:59); 24 is out of range.");
    const settings = await createSettingsStore(db).get(await learnerId("ada"));
    expect(settings.lessonMinute).toBe(450);
  });

  it("changes pace and days and names a misspelled day", async () => {
    expect(await say("/settings pace 2")).toContain("Pace set to 2 lessons per study day.");
    expect(await say("/settings days mon,wed,fri")).toContain("Study days set to Mon, Wed, Fri.");
    const bad = await say("/settings days mon,thurs,fryday");
    expect(bad).toContain('"fryday" is not a day of the week (did you mean friday?)');
    const settings = await createSettingsStore(db).get(await learnerId("ada"));
    expect(settings).toMatchObject({
      lessonsPerDay: 2,
      studyDays: [1, 3, 5],
      scheduleEnabled: true,
    });
  });

  it("pauses and resumes with commands and buttons", async () => {
    expect(await say("/settings pause")).toContain("Scheduled lessons are paused.");
    expect((await createSettingsStore(db).get(await learnerId("ada"))).paused).toBe(true);
    expect(await press("settings:resume")).toContain("Welcome back");
    expect((await createSettingsStore(db).get(await learnerId("ada"))).paused).toBe(false);
  });

  it("renames the learner for certificates and refuses an empty or over-long name", async () => {
    const renamed = await say("/settings name  Ada   Lovelace ", "grace");
    const empty = await say("/settings name", "grace");
    const long = await say(`/settings name ${"x".repeat(61)}`, "grace");

    expect(renamed).toContain("Your name is now **Ada Lovelace**.");
    expect(empty).toContain("1 to 60 characters");
    expect(long).toContain("1 to 60 characters");
    const learner = await db.learner.findFirstOrThrow({
      where: { accounts: { some: { externalId: "grace" } } },
    });
    expect(learner.displayName).toBe("Ada Lovelace");
  });

  it("explains an unknown setting", async () => {
    expect(await say("/settings colour blue")).toContain('There is no setting "colour".');
  });

  async function learnerId(user: string): Promise<string> {
    const account = await db.account.findFirstOrThrow({
      where: { platform: "web", externalId: user },
    });
    return account.learnerId;
  }
});
