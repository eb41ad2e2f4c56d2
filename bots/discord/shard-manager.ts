import { fileURLToPath, pathToFileURL } from "node:url";
import { REST, type RESTGetAPIGatewayBotResult, Routes, ShardingManager } from "discord.js";

/** The shard process entry, run once per shard by the manager. */
export const SHARD_ENTRY = fileURLToPath(new URL("./shard.ts", import.meta.url));

/** Options of {@link startShardingManager}. */
export interface ShardingOptions {
  token: string;
  /** DISCORD_API_BASE, for the shard count and every shard's REST client. */
  apiBase?: string;
  /** A number, or "auto" for the count Discord recommends (one shard per 1,000 guilds). */
  totalShards: number | "auto";
  /** Pause between two shard spawns; Discord allows one IDENTIFY per 5 s per bucket. */
  spawnDelayMs?: number;
}

/**
 * The shard count Discord recommends, read through the configured API base (discord.js's own
 * helper always calls discord.com). https://discord.com/developers/docs/events/gateway#get-gateway-bot
 */
export async function recommendedShardCount(token: string, apiBase?: string): Promise<number> {
  const rest = new REST(apiBase ? { api: apiBase } : {}).setToken(token);
  const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return Math.max(1, gateway.shards);
}

/**
 * Spawns one process per shard with discord.js's ShardingManager; each runs {@link SHARD_ENTRY}
 * and handles the interactions of its guilds. Resolves once every shard is ready.
 */
export async function startShardingManager(options: ShardingOptions): Promise<ShardingManager> {
  const totalShards =
    options.totalShards === "auto"
      ? await recommendedShardCount(options.token, options.apiBase)
      : options.totalShards;
  const manager = new ShardingManager(SHARD_ENTRY, {
    token: options.token,
    totalShards,
    execArgv: ["--import", "tsx"],
    respawn: true,
  });
  await manager.spawn({ timeout: 60_000, delay: options.spawnDelayMs ?? 5_500 });
  return manager;
}

async function main(): Promise<void> {
  const { loadConfig } = await import("../../app/config.js");
  const fs = await import("node:fs");
  if (fs.existsSync(".env")) process.loadEnvFile(".env");
  const config = loadConfig();
  if (!config.discord) {
    console.error("DISCORD_TOKEN is not set: the shard manager has nothing to connect.");
    process.exit(2);
  }
  const shards = process.env.DISCORD_SHARDS ?? "auto";
  const manager = await startShardingManager({
    token: config.discord.token,
    apiBase: config.discord.apiBase,
    totalShards: shards === "auto" ? "auto" : Number(shards),
  });
  console.log(`Discord: ${manager.shards.size} shard processes ready.`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
