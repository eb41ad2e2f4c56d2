/**
 * One shard process, spawned by ShardingManager (bots/discord/shard-manager.ts). discord.js reads
 * SHARDS and SHARD_COUNT from the environment the manager sets, so this process connects only
 * its own shards. It handles interactions and nothing else: the web server, deliveries and
 * planners run in the main `npm start` process (with DISCORD_GATEWAY=0).
 */
import fs from "node:fs";
import { createStudyHall } from "../../app/compose.js";
import { loadConfig } from "../../app/config.js";
import { createLogger } from "../../app/logger.js";

if (fs.existsSync(".env")) process.loadEnvFile(".env");
const config = loadConfig();
if (!config.discord) {
  console.error("DISCORD_TOKEN is not set; a shard process cannot start without it.");
  process.exit(2);
}
const logger = createLogger(config.logLevel).child({ shards: process.env.SHARDS });
const app = await createStudyHall(
  { ...config, seedDemo: false, discord: { ...config.discord, gateway: true } },
  { logger },
);
const discord = app.adapters.find((adapter) => adapter.platform === "discord")!;
await discord.start();

const shutdown = async () => {
  await discord.stop();
  await app.db.$disconnect();
  process.exit(0);
};
process.once("SIGTERM", () => void shutdown());
process.once("SIGINT", () => void shutdown());
