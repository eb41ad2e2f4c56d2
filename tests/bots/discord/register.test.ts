import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { BOT_PERMISSIONS, inviteUrl } from "../../../bots/discord/register.js";
import { SLASH_COMMANDS } from "../../../bots/discord/slash-commands.js";
import { FakeDiscord } from "../../fakes/discord/fake-discord.js";

const run = promisify(execFile);

let fake: FakeDiscord | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** Runs `npm run discord:register` (its script) against the fake. */
async function register(args: string[]) {
  return run("npx", ["tsx", "scripts/discord-register.ts", ...args], {
    env: {
      ...process.env,
      DISCORD_TOKEN: "fake-bot-token",
      DISCORD_API_BASE: fake!.apiBase,
      DISCORD_APPLICATION_ID: "",
    },
  });
}

describe("npm run discord:register", () => {
  it("registers every command globally and prints the invite URL with exactly the bot's permissions", async () => {
    fake = await FakeDiscord.start();

    const { stdout } = await register([]);

    expect(fake.commandSets).toHaveLength(1);
    expect(fake.commandSets[0]!.guildId).toBeUndefined();
    const names = fake.commandSets[0]!.commands.map((command) => command.name);
    for (const name of [
      "start",
      "courses",
      "course",
      "enroll",
      "next",
      "quiz",
      "progress",
      "review",
      "ask",
      "groups",
      "events",
      "feedback",
      "certificate",
      "link",
      "settings",
      "announce",
      "event",
    ]) {
      expect(names).toContain(name);
    }
    expect(stdout).toContain(
      `Registered ${SLASH_COMMANDS.length} slash commands for every server (global).`,
    );
    expect(stdout).toContain(inviteUrl(fake.state.applicationId));
    expect(fake.rejectedCalls()).toEqual([]);
  }, 60_000);

  it("registers to one server with --guild and refuses a malformed server id", async () => {
    fake = await FakeDiscord.start();

    await register(["--guild", "123456789012345678"]);
    const refused = await register(["--guild", "my-server"]).catch(
      (error: { code: number; stderr: string }) => error,
    );

    expect(fake.commandSets.map((set) => set.guildId)).toEqual(["123456789012345678"]);
    expect(refused).toMatchObject({ code: 2 });
    expect((refused as { stderr: string }).stderr).toContain(
      '--guild must be a server id (17 to 20 digits), not "my-server".',
    );
  }, 60_000);
});

describe("inviteUrl", () => {
  it("asks for View Channels, Send Messages, Embed Links, Create Private Threads, Send Messages in Threads and Create Events only", () => {
    const expected =
      (1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 36n) | (1n << 38n) | (1n << 44n);

    const url = new URL(inviteUrl("42"));

    expect(BOT_PERMISSIONS).toBe(expected);
    expect(url.searchParams.get("permissions")).toBe(expected.toString());
    expect(url.searchParams.get("scope")).toBe("bot applications.commands");
  });
});
