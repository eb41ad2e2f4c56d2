import { PermissionFlagsBits, type REST, Routes } from "discord.js";
import { SLASH_COMMANDS } from "./slash-commands.js";

/**
 * Exactly the permissions the bot uses, and why:
 * - View Channels and Send Messages: lessons, discussion prompts and announcements in channels.
 * - Embed Links: lessons longer than 2,000 characters are sent as embeds.
 * - Create Private Threads and Send Messages in Threads: `/groups create` study threads.
 * - Create Events: `/event` scheduled events (and removing its own when saving fails).
 * Answers to slash commands and buttons need no permission: they go through interaction webhooks.
 */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.CreatePrivateThreads |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreateEvents;

/** The OAuth2 URL that adds the bot to a server with {@link BOT_PERMISSIONS} and its commands. */
export function inviteUrl(applicationId: string): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    scope: "bot applications.commands",
    permissions: BOT_PERMISSIONS.toString(),
  });
  return `https://discord.com/oauth2/authorize?${params.toString()}`;
}

/** Where commands go: every server (global) or one server, which updates at once. */
export interface RegisterTarget {
  applicationId: string;
  guildId?: string;
}

/**
 * Replaces the application's slash commands with {@link SLASH_COMMANDS} (bulk overwrite),
 * https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-global-application-commands
 */
export async function registerCommands(rest: REST, target: RegisterTarget): Promise<number> {
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  const registered = (await rest.put(route, { body: SLASH_COMMANDS })) as unknown[];
  return registered.length;
}

/** The application id of the bot token, for when DISCORD_APPLICATION_ID is not set. */
export async function fetchApplicationId(rest: REST): Promise<string> {
  const application = (await rest.get(Routes.currentApplication())) as { id: string };
  return application.id;
}
