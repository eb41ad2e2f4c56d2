import fs from "node:fs";
import { parseArgs } from "node:util";
import { REST } from "discord.js";
import { ConfigError, loadConfig } from "../app/config.js";
import { fetchApplicationId, inviteUrl, registerCommands } from "../bots/discord/register.js";

const USAGE = `Usage: npm run discord:register [-- --guild <server id>]

Registers StudyHall's slash commands with Discord and prints the invite URL.
  --guild <id>   register to one server only (changes show at once; good for testing)
Without --guild the commands are global (every server the bot is in).
Reads DISCORD_TOKEN, DISCORD_APPLICATION_ID (optional) and DISCORD_API_BASE from the
environment or .env.`;

/** `npm run discord:register`: bulk-overwrites the slash commands and prints the invite URL. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { guild: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values.guild !== undefined && !/^\d{17,20}$/.test(values.guild)) {
    console.error(`--guild must be a server id (17 to 20 digits), not "${values.guild}".`);
    process.exit(2);
  }
  if (fs.existsSync(".env")) process.loadEnvFile(".env");
  const config = (() => {
    try {
      return loadConfig();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      console.error(error.message);
      process.exit(2);
    }
  })();
  if (!config.discord) {
    console.error(
      "DISCORD_TOKEN is not set: copy the bot token from the Bot page of your application.",
    );
    process.exit(2);
  }
  const rest = new REST(config.discord.apiBase ? { api: config.discord.apiBase } : {}).setToken(
    config.discord.token,
  );
  const applicationId = config.discord.applicationId ?? (await fetchApplicationId(rest));
  const count = await registerCommands(rest, { applicationId, guildId: values.guild });
  const where = values.guild ? `server ${values.guild}` : "every server (global)";
  console.log(`Registered ${count} slash commands for ${where}.`);
  console.log(`Invite the bot with exactly the permissions it needs:\n${inviteUrl(applicationId)}`);
}

await main();
