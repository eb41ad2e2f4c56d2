import { type APIInteraction, type APIUser, ChannelType, PermissionFlagsBits } from "discord.js";
import type { Inbound, SenderRoles } from "../../core/messages.js";

/** The user behind an interaction: `member.user` in a server, `user` in a direct message. */
export function interactionUser(interaction: APIInteraction): APIUser {
  return (interaction.member?.user ?? interaction.user)!;
}

/** True when the interaction happened in a server rather than a direct message. */
export function inGuild(interaction: APIInteraction): boolean {
  return interaction.guild_id !== undefined;
}

/**
 * What the sender may do, from the member's permissions in the channel and their roles:
 * Manage Server (or Administrator) counts as admin, the configured role as instructor.
 * `instructorRoles` holds the ids of the configured role in this server.
 */
export function senderRoles(interaction: APIInteraction, instructorRoles: string[]): SenderRoles {
  const member = interaction.member;
  if (!member) return { admin: false, instructor: false };
  const permissions = BigInt(member.permissions ?? "0");
  const admin =
    (permissions & PermissionFlagsBits.ManageGuild) !== 0n ||
    (permissions & PermissionFlagsBits.Administrator) !== 0n;
  const instructor = member.roles.some((role) => instructorRoles.includes(role));
  return { admin, instructor };
}

/** Builds the core's Inbound for an interaction; `part` holds the text or the action. */
export function toInbound(
  interaction: APIInteraction,
  part: { text?: string; action?: string },
  roles: SenderRoles,
): Inbound {
  const user = interactionUser(interaction);
  const channel = interaction.channel;
  const direct = !inGuild(interaction) || channel?.type === ChannelType.DM;
  return {
    platform: "discord",
    userId: user.id,
    displayName: user.global_name ?? user.username,
    username: user.username,
    chat: {
      id: interaction.channel_id ?? channel?.id ?? user.id,
      kind: direct ? "direct" : "group",
      title: channel && "name" in channel && channel.name ? channel.name : undefined,
    },
    ...part,
    updateId: interaction.id,
    roles,
  };
}
