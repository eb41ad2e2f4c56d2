import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TelegramAdapter } from "../../../bots/telegram/adapter.js";
import { systemClock } from "../../../core/clock.js";
import { createDispatcher } from "../../../core/delivery/dispatcher.js";
import { silentLogger } from "../../../core/logger.js";
import { createAccountStore } from "../../../prisma/store/accounts.js";
import { createDeliveryStore } from "../../../prisma/store/deliveries.js";
import { startTelegramApp, type TelegramApp, TelegramLearner } from "./telegram-app.js";

describe("an instructor announces from a Telegram private chat", () => {
  let t: TelegramApp;
  beforeAll(async () => {
    t = await startTelegramApp();
  });
  afterAll(async () => t?.close());

  it("previews with Send and Cancel, sends once through the delivery pipeline, and refuses everyone else", async () => {
    const ivan = new TelegramLearner(t.fake, { id: 7101, first_name: "Иван" });
    const bob = new TelegramLearner(t.fake, { id: 7102, first_name: "Bob" });
    const group = { id: -100888, type: "supergroup" as const, title: "Shell night" };
    await ivan.say("/start");
    await bob.say("/start shell-basics-tg");
    await bob.press(bob.messages[0]!, "Enroll");
    const course = await t.app.db.course.findUniqueOrThrow({ where: { slug: "shell-basics-tg" } });
    const account = await t.app.db.account.findFirstOrThrow({ where: { externalId: "7101" } });
    await t.app.db.courseStaff.create({
      data: { courseId: course.id, learnerId: account.learnerId },
    });
    const text = "Live Q&A tonight at 19:00: bring questions about <, > & pipes!";

    await bob.say(`/announce shell-basics-tg ${text}`);
    expect(bob.messages.at(-1)!.text).toBe(
      "Only instructors of Основы командной строки 🐚💻 can announce to its learners.",
    );
    // A group admin is not an instructor either.
    t.fake.makeAdmin(7102);
    await new TelegramLearner(t.fake, bob.user, group).say(`/announce shell-basics-tg ${text}`);
    expect(t.fake.messages(group.id).at(-1)!.text).toContain("Only instructors of");

    await ivan.say(`/announce shell-basics-tg ${text}`);
    const preview = ivan.messages.at(-1)!;
    expect(preview.text).toBe(
      `Preview of your announcement to the 1 enrolled learner of Основы командной строки 🐚💻:\n\n${text}`,
    );
    await ivan.press(preview, "Send");
    expect(ivan.messages.at(-1)).toMatchObject({ message_id: preview.message_id, edits: 1 });
    expect(ivan.messages.at(-1)!.text).toContain("Announcement sent to 1 learner");

    const dispatcher = createDispatcher({
      adapter: t.app.adapters.find((a) => a.platform === "telegram") as TelegramAdapter,
      deliveries: createDeliveryStore(t.app.db),
      accounts: createAccountStore(t.app.db),
      clock: systemClock,
      logger: silentLogger,
    });
    // StudyHall's own dispatcher may get there first; either way it arrives once.
    await dispatcher.drain();
    const announcement = `Announcement for Основы командной строки 🐚💻 from Иван:\n\n${text}`;
    await expect.poll(() => bob.messages.at(-1)?.text).toBe(announcement);
    await dispatcher.drain();
    expect(bob.messages.filter((m) => m.text === announcement)).toHaveLength(1);
    const rows = await t.app.db.delivery.findMany({ where: { kind: "announcement" } });
    expect(rows.map((row) => row.status)).toEqual(["sent"]);
  });
});
