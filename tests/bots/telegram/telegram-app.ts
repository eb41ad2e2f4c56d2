/**
 * The whole StudyHall process (createStudyHall) with Telegram pointed at the fake Bot API,
 * the test course imported, and a learner driver that talks only through the fake.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createStudyHall, type StudyHall } from "../../../app/compose.js";
import { loadConfig } from "../../../app/config.js";
import { importCourseFolders } from "../../../core/catalog/import-courses.js";
import { type Logger, silentLogger } from "../../../core/logger.js";
import { createCourseImportStore } from "../../../prisma/store/course-import.js";
import {
  type FakeBotApi,
  type SentMessage,
  startFakeBotApi,
} from "../../fakes/telegram/fake-bot-api.js";
import type { FakeChat, FakeUser } from "../../fakes/telegram/updates.js";

const here = path.dirname(fileURLToPath(import.meta.url));

/** The test course: Cyrillic title with emoji, <>& text, a part over 4096 characters. */
export const SHELL_COURSE = path.join(here, "fixtures", "shell-course");

/** A running StudyHall with Telegram on the fake. */
export interface TelegramApp {
  app: StudyHall;
  fake: FakeBotApi;
  base: string;
  close(): Promise<void>;
}

/** Starts StudyHall with TELEGRAM_* set to the fake (webhook mode when `secret` is given). */
export async function startTelegramApp(
  secret?: string,
  logger: Logger = silentLogger,
): Promise<TelegramApp> {
  const fake = await startFakeBotApi();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studyhall-tg-"));
  const port = await freePort();
  const env = {
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...(secret ? { TELEGRAM_WEBHOOK_SECRET: secret } : {}),
  };
  const config = {
    ...loadConfig(env),
    databaseUrl: `file:${path.join(dir, "studyhall.db")}`,
    certificateKeyFile: path.join(dir, "certificate-key.pem"),
    seedDemo: false,
  };
  const app = await createStudyHall(config, { logger });
  const report = await importCourseFolders([SHELL_COURSE], createCourseImportStore(app.db));
  if (!report.ok) throw new Error(JSON.stringify(report.problems));
  const started = await app.start();
  return {
    app,
    fake,
    base: `http://127.0.0.1:${started.port}`,
    async close() {
      await app.stop();
      await fake.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function freePort(): Promise<number> {
  const net = await import("node:net");
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Buttons of a sent message. */
export function buttonsOf(
  message: SentMessage,
): Array<{ text: string; callback_data?: string; url?: string }> {
  const rows = (message.reply_markup?.inline_keyboard ?? []) as Array<
    Array<{ text: string; callback_data?: string }>
  >;
  return rows.flat();
}

/** A Telegram user who talks to the bot only through the fake Bot API (polling mode). */
export class TelegramLearner {
  constructor(
    readonly fake: FakeBotApi,
    readonly user: FakeUser,
    readonly chat: FakeChat = { id: user.id, type: "private" },
  ) {}

  /** Messages the bot sent in this learner's chat. */
  get messages(): SentMessage[] {
    return this.fake.messages(this.chat.id);
  }

  /** Types `text` and waits until the bot has handled it. */
  async say(text: string): Promise<void> {
    const update = this.fake.sendText(this.user, text, this.chat);
    await this.fake.waitForConfirmed(update.update_id);
  }

  /** Presses the button labelled `label` (or whose label starts with it) on `message`. */
  async press(message: SentMessage, label: string | RegExp): Promise<void> {
    const button = buttonsOf(message).find((b) =>
      typeof label === "string" ? b.text === label : label.test(b.text),
    );
    if (!button?.callback_data)
      throw new Error(`no button ${label} on: ${message.text.slice(0, 200)}`);
    const update = this.fake.pressButton(this.user, message, button.callback_data);
    await this.fake.waitForConfirmed(update.update_id);
  }

  /** Votes in a quiz poll. */
  async vote(message: SentMessage, option: number): Promise<void> {
    const update = this.fake.answerPoll(this.user, message.poll!.id, [option]);
    await this.fake.waitForConfirmed(update.update_id);
  }
}
