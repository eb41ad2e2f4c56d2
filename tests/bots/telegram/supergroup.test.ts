import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../../core/ids.js";
import type { FakeChat } from "../../fakes/telegram/updates.js";
import { startTelegramApp, type TelegramApp, TelegramLearner } from "./telegram-app.js";

const GROUP: FakeChat = { id: -4001, type: "group", title: "Bash club" };
const admin = { id: 9101, first_name: "Ada" };

describe("a Telegram study group upgraded to a supergroup", () => {
  let t: TelegramApp;
  beforeAll(async () => {
    t = await startTelegramApp();
  });
  afterAll(async () => t?.close());

  it("follows the group to its new chat id, with the deliveries waiting for it", async () => {
    t.fake.makeAdmin(admin.id);
    await new TelegramLearner(t.fake, admin, GROUP).say("/groups shell-basics-tg");
    const group = await t.app.db.studyGroup.findFirstOrThrow();
    await t.app.db.delivery.create({
      data: {
        id: newId(),
        idempotencyKey: "group-test:1",
        platform: "telegram",
        target: String(GROUP.id),
        kind: "group-lesson",
        payload: JSON.stringify([{ text: "Lesson of the day" }]),
        dueAt: new Date(Date.now() + 3_600_000),
        nextAttemptAt: new Date(Date.now() + 3_600_000),
      },
    });

    await t.fake.waitForConfirmed(t.fake.migrateGroup(admin, GROUP, -1004001).update_id);

    const moved = await t.app.db.studyGroup.findUniqueOrThrow({ where: { id: group.id } });
    expect(moved.externalId).toBe("-1004001");
    const delivery = await t.app.db.delivery.findUniqueOrThrow({
      where: { idempotencyKey: "group-test:1" },
    });
    expect(delivery.target).toBe("-1004001");
  });
});
