import fs from "node:fs";
import { createStudyHall } from "../app/compose.js";
import { type Config, ConfigError, loadConfig } from "../app/config.js";
import { createLogger } from "../app/logger.js";

/** The configuration, or exit 2 with every variable at fault and its fix. */
function readConfig(): Config {
  // Variables already in the environment win over the ones in .env.
  if (fs.existsSync(".env")) process.loadEnvFile(".env");
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}

/** `npm start`: the main job on whatever the environment configures (SQLite and web chat by default). */
async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  const app = await createStudyHall(config, { logger });
  await app.start();

  const shutdown = async (signal: string) => {
    logger.info({ signal }, "shutting down");
    await app.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

await main();
