/**
 * The whole StudyHall process (createStudyHall) with Discord pointed at the fake (REST through
 * DISCORD_API_BASE, gateway announced by /gateway/bot), the test course imported, and a member
 * driver that acts only through the fake: slash commands, buttons, selects and modals.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createStudyHall, type StudyHall } from "../../../app/compose.js";
import { loadConfig } from "../../../app/config.js";
import type { DiscordAdapter } from "../../../bots/discord/adapter.js";
import { importCourseFolders } from "../../../core/catalog/import-courses.js";
import { silentLogger } from "../../../core/logger.js";
import { createCourseImportStore } from "../../../prisma/store/course-import.js";
import { FakeDiscord } from "../../fakes/discord/fake-discord.js";
import {
  type CommandOption,
  type InteractionPayload,
  type InteractionPlace,
  modalInteraction,
} from "../../fakes/discord/interactions.js";
import type { FakeChannel, FakeGuild, FakeMessage } from "../../fakes/discord/state.js";

const here = path.dirname(fileURLToPath(import.meta.url));

/** The test course: Markdown characters and mentions in text, a part over 6,000 characters. */
export const SQL_COURSE = path.join(here, "fixtures", "sql-course");

/** A running StudyHall with Discord on the fake, one server with #general and an Instructor role. */
export interface DiscordApp {
  app: StudyHall;
  fake: FakeDiscord;
  adapter: DiscordAdapter;
  base: string;
  guild: FakeGuild;
  general: FakeChannel;
  instructorRoleId: string;
  close(): Promise<void>;
}

/** Starts StudyHall with DISCORD_* set to the fake. */
export async function startDiscordApp(env: Record<string, string> = {}): Promise<DiscordApp> {
  const fake = await FakeDiscord.start();
  const ownerId = fake.state.addUser("owner");
  const guild = fake.state.addGuild("Study Server", ownerId);
  const instructorRoleId = fake.state.addRole(guild, "Instructor");
  const general = fake.state.addChannel({ type: 0, name: "general", guildId: guild.id });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studyhall-dc-"));
  const config = {
    ...loadConfig({
      DISCORD_TOKEN: "fake-bot-token",
      DISCORD_API_BASE: fake.apiBase,
      DISCORD_INSTRUCTOR_ROLE: "Instructor",
      PORT: "0",
      ...env,
    }),
    databaseUrl: `file:${path.join(dir, "studyhall.db")}`,
    certificateKeyFile: path.join(dir, "certificate-key.pem"),
    seedDemo: false,
  };
  const app = await createStudyHall(config, { logger: silentLogger });
  const report = await importCourseFolders([SQL_COURSE], createCourseImportStore(app.db));
  if (!report.ok) throw new Error(JSON.stringify(report.problems));
  const started = await app.start();
  const adapter = app.adapters.find(
    (candidate) => candidate.platform === "discord",
  ) as DiscordAdapter;
  return {
    app,
    fake,
    adapter,
    base: `http://127.0.0.1:${started.port}`,
    guild,
    general,
    instructorRoleId,
    async close() {
      await app.stop();
      await fake.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A component of a message as the fake stored it. */
export interface SentComponent {
  type: number;
  label?: string;
  custom_id?: string;
  url?: string;
  options?: Array<{ label: string; value: string }>;
}

/** Every component of a message, rows flattened. */
export function componentsOf(message: FakeMessage): SentComponent[] {
  return (message.components as Array<{ components: SentComponent[] }>).flatMap(
    (row) => row.components,
  );
}

/** The visible text of a message: its content and every embed description. */
export function textOf(message: FakeMessage): string {
  const embeds = (message.embeds as Array<{ description?: string }>).map(
    (e) => e.description ?? "",
  );
  return [message.content, ...embeds].filter(Boolean).join("\n\n");
}

/** A server member who acts only through the fake Discord. */
export class DiscordMember {
  /** Messages this member's interactions produced, in order (updated in place when edited). */
  readonly messages: FakeMessage[] = [];

  constructor(
    readonly d: DiscordApp,
    readonly userId: string,
    readonly extra: Partial<InteractionPlace> = {},
  ) {}

  /** Where this member acts: #general of the server. */
  get place(): InteractionPlace {
    return {
      userId: this.userId,
      channelId: this.d.general.id,
      guildId: this.d.guild.id,
      ...this.extra,
    };
  }

  /** Runs a slash command and waits for every answer. */
  async command(name: string, options: CommandOption[] = []): Promise<InteractionPayload> {
    return this.settle(this.d.fake.command(this.place, name, options));
  }

  /** Presses the button whose label matches on `message`; returns the interaction. */
  async press(message: FakeMessage, label: string | RegExp): Promise<InteractionPayload> {
    const button = componentsOf(message).find(
      (c) =>
        c.type === 2 &&
        c.custom_id &&
        (typeof label === "string" ? c.label === label : label.test(c.label ?? "")),
    );
    if (!button) throw new Error(`no button ${label} on: ${textOf(message).slice(0, 300)}`);
    return this.settle(this.d.fake.press(this.place, message, button.custom_id!));
  }

  /** Opens the form of a "Write:" button and submits `text`. */
  async write(message: FakeMessage, text: string): Promise<InteractionPayload> {
    const opened = await this.press(message, /^Write: /);
    const modal = this.d.fake.record(opened).callbacks[0]!;
    if (modal.type !== 9) throw new Error(`expected a modal, got callback type ${modal.type}`);
    // A modal opened from a button carries the button's message, so the answer may update it.
    const payload = modalInteraction(this.d.fake.state, this.place, String(modal.data.custom_id), {
      answer: text,
    });
    payload.message = this.d.fake.messagePayload(message);
    return this.settle(this.d.fake.inject(payload));
  }

  /** Waits until the interaction is answered and its follow-ups are sent; collects messages. */
  async settle(payload: InteractionPayload): Promise<InteractionPayload> {
    await this.d.fake.waitFor(() => this.d.fake.record(payload).callbacks.length > 0);
    await this.d.adapter.idle();
    for (const message of this.d.fake.messagesOf(payload)) {
      if (!this.messages.includes(message)) this.messages.push(message);
    }
    return payload;
  }
}
