import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TelegramAdapter } from "../../../bots/telegram/adapter.js";
import { ManualClock } from "../../../core/clock.js";
import { createDispatcher } from "../../../core/delivery/dispatcher.js";
import { silentLogger } from "../../../core/logger.js";
import { createAccountStore } from "../../../prisma/store/accounts.js";
import { createDeliveryStore } from "../../../prisma/store/deliveries.js";
import { ApiFailure } from "../../fakes/telegram/validate.js";
import { startTelegramApp, type TelegramApp, TelegramLearner } from "./telegram-app.js";

describe("scheduled deliveries to Telegram", () => {
  let t: TelegramApp;
  // Far ahead of the real clock, so that only this test's dispatcher (not StudyHall's own,
  // which runs on the real clock) finds these deliveries due.
  const clock = new ManualClock("2099-12-04T09:00:00Z");
  beforeAll(async () => {
    t = await startTelegramApp();
  });
  afterAll(async () => t?.close());

  const dispatcher = () =>
    createDispatcher({
      adapter: t.app.adapters.find((a) => a.platform === "telegram") as TelegramAdapter,
      deliveries: createDeliveryStore(t.app.db),
      accounts: createAccountStore(t.app.db),
      clock,
      logger: silentLogger,
      sleep: async () => {},
    });
  const enqueue = (key: string, target: number) =>
    createDeliveryStore(t.app.db).enqueue([
      {
        idempotencyKey: key,
        learnerId: null,
        platform: "telegram",
        target: String(target),
        kind: "lesson",
        courseId: null,
        payload: [
          { text: "**Lesson 2**: a < b & c > d", actions: [{ id: "nx:c1", label: "Next" }] },
        ],
        dueAt: clock.now(),
      },
    ]);

  it("honours 429 retry_after, then sends the lesson rendered for Telegram", async () => {
    const ada = new TelegramLearner(t.fake, { id: 6161, first_name: "Ada" });
    await ada.say("/start");
    await enqueue("lesson:ada:1", 6161);
    t.fake.failNext(
      "sendMessage",
      new ApiFailure(429, "Too Many Requests: retry after 3", { retry_after: 3 }),
    );

    const first = await dispatcher().drain();
    const row = await t.app.db.delivery.findUniqueOrThrow({
      where: { idempotencyKey: "lesson:ada:1" },
    });
    expect(first.rateLimited).toBe(1);
    expect(row.nextAttemptAt.getTime()).toBe(clock.now().getTime() + 3000);

    clock.advance(3000);
    const second = await dispatcher().drain();
    expect(second.sent).toBe(1);
    expect(ada.messages.at(-1)).toMatchObject({
      text: "Lesson 2: a < b & c > d",
      raw: "<b>Lesson 2</b>: a &lt; b &amp; c &gt; d",
    });
  });

  it("marks the account unreachable when the learner blocked the bot, and stops their other deliveries", async () => {
    const bob = new TelegramLearner(t.fake, { id: 6262, first_name: "Bob" });
    await bob.say("/start");
    await enqueue("lesson:bob:1", 6262);
    await enqueue("lesson:bob:2", 6262);
    t.fake.block(6262);

    const stats = await dispatcher().drain();

    const account = await t.app.db.account.findFirstOrThrow({
      where: { platform: "telegram", externalId: "6262" },
    });
    expect(stats.dead).toBeGreaterThanOrEqual(1);
    expect(account).toMatchObject({ reachable: false });
    expect(account.unreachableReason).toContain("bot was blocked by the user");
    const rows = await t.app.db.delivery.findMany({
      where: { target: "6262" },
      select: { status: true },
    });
    // Both may be claimed together (each then fails with 403), or the second is skipped.
    for (const row of rows) expect(["dead", "skipped"]).toContain(row.status);
    expect(t.fake.messages(6262).slice(1)).toEqual([]);
  });
});
