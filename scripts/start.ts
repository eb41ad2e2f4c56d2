import fs from "node:fs";
import { createStudyHall, type StudyHall } from "../app/compose.js";
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

/** One line naming what failed and what to change. */
function startupProblem(error: unknown, config: Config): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "28P01" || code === "3D000") {
    const where = config.databaseUrl.replace(/\/\/[^@/]*@/, "//***@");
    return `cannot open the database at DATABASE_URL=${where} (${message}). Start the database server or fix DATABASE_URL.`;
  }
  return message;
}

/** `npm start`: the main job on whatever the environment configures (SQLite and web chat by default). */
async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  let app: StudyHall;
  try {
    app = await createStudyHall(config, { logger });
    await app.start();
  } catch (error) {
    // Start-up failures are configuration or environment problems: say which, without a stack.
    logger.error({ err: error }, "StudyHall could not start");
    console.error(`StudyHall could not start: ${startupProblem(error, config)}`);
    process.exit(1);
  }

  const shutdown = async (signal: string) => {
    logger.info({ signal }, "shutting down");
    await app.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

await main();
