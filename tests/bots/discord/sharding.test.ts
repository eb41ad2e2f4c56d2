import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ShardingManager } from "discord.js";
import { afterAll, describe, expect, it } from "vitest";
import { startShardingManager } from "../../../bots/discord/shard-manager.js";
import { migrate } from "../../../prisma/migrate.js";
import { FakeDiscord } from "../../fakes/discord/fake-discord.js";
import type { FakeGuild } from "../../fakes/discord/state.js";

const shardOf = (guild: FakeGuild) => Number((BigInt(guild.id) >> 22n) % 2n);

let fake: FakeDiscord | undefined;
let manager: ShardingManager | undefined;
const saved = { ...process.env };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studyhall-shards-"));

afterAll(async () => {
  if (manager) {
    manager.respawn = false;
    for (const shard of manager.shards.values()) shard.kill();
  }
  await fake?.close();
  process.env = saved;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("Discord under ShardingManager", () => {
  it("spawns the recommended shard processes, each serving the interactions of its own guilds", async () => {
    fake = await FakeDiscord.start({ shards: 2 });
    const owner = fake.state.addUser("owner");
    const guilds: FakeGuild[] = [];
    while (new Set(guilds.map(shardOf)).size < 2) {
      guilds.push(fake.state.addGuild(`Server ${guilds.length}`, owner));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const databaseUrl = `file:${path.join(dir, "studyhall.db")}`;
    await migrate(databaseUrl);
    Object.assign(process.env, {
      DISCORD_TOKEN: "fake-bot-token",
      DISCORD_API_BASE: fake.apiBase,
      DATABASE_URL: databaseUrl,
      CERTIFICATE_KEY_FILE: path.join(dir, "key.pem"),
      LOG_LEVEL: "silent",
      STUDYHALL_SEED_DEMO: "0",
    });

    manager = await startShardingManager({
      token: "fake-bot-token",
      apiBase: fake.apiBase,
      totalShards: "auto",
      spawnDelayMs: 0,
    });

    expect(manager.shards.size).toBe(2);
    expect(fake.gateway.sessions.map((session) => session.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const first = guilds.find((guild) => shardOf(guild) === 0)!;
    const second = guilds.find((guild) => shardOf(guild) === 1)!;
    const asked = [first, second].map((guild) => {
      const channel = fake!.state.addChannel({ type: 0, name: "general", guildId: guild.id });
      return fake!.command({ userId: owner, channelId: channel.id, guildId: guild.id }, "help");
    });
    for (const payload of asked) {
      await fake.waitFor(() => fake!.messagesOf(payload)[0]?.content, 20_000);
      expect(fake.messagesOf(payload)[0]!.content).toContain("/enroll");
    }
  }, 90_000);
});
