import { Routes } from "discord.js";
import type { AnnouncementService } from "../../core/announcements/announcement-service.js";
import type { AccountStore } from "../../core/ports/accounts.js";
import { splitMessage } from "../../core/text/split.js";
import type { DiscordTools } from "./adapter.js";
import { interactionUser, toInbound } from "./inbound.js";
import type { CommandFlow } from "./interactions.js";
import { discordMarkdown, escapeDiscord } from "./markdown.js";
import { LIMITS } from "./render.js";
import { optionValue } from "./slash-commands.js";

/** Dependencies of the announce flow. */
export interface AnnounceDeps {
  accounts: Pick<AccountStore, "identify">;
  announcements: AnnouncementService;
}

const REFUSED =
  "Only instructors can announce: you need the server's instructor role or the Manage Server permission. Nothing was sent.";

/**
 * `/announce course message` on Discord: allowed to the configured instructor role or Manage
 * Server. The filled-in slash command is the confirmation, so the core's announcement service
 * publishes at once (one delivery per enrolled learner per reachable account), and the
 * announcement is also posted in the course channel where it was made.
 */
export function announceFlow(deps: AnnounceDeps, tools: DiscordTools): CommandFlow {
  return {
    handles: (interaction) => interaction.data.name === "announce",
    async run(interaction, roles) {
      if (!roles.admin && !roles.instructor) return [{ text: REFUSED, personal: true }];
      const options = interaction.data.options;
      const user = interactionUser(interaction);
      const displayName = toInbound(interaction, {}, roles).displayName;
      const { learner } = await deps.accounts.identify({
        platform: "discord",
        externalId: user.id,
        displayName,
        username: user.username,
      });
      const by = { learnerId: learner.id, displayName: learner.displayName, roles };
      const slug = (optionValue(options, "course") ?? "").trim();
      const prepared = await deps.announcements.prepare(
        by,
        slug,
        optionValue(options, "message") ?? "",
      );
      if (!prepared.ok) return [{ text: prepared.message, personal: true }];
      const { draftId, course, text } = prepared;
      const result = await deps.announcements.publish(by, {
        draftId,
        courseId: course.id,
        courseTitle: course.title,
        text,
      });
      if (!result.ok) return [{ text: result.message, personal: true }];

      const problem = await postToChannel(interaction.channel_id, course.title, text);
      const people = `${result.learners} learner${result.learners === 1 ? "" : "s"}`;
      const sent = `Announcement sent to ${people} of ${course.title} (${result.deliveries} messages across their chat apps)`;
      return [
        {
          text: problem ? `${sent}. ${problem}` : `${sent} and posted in this channel.`,
          personal: true,
        },
      ];
    },
  };

  /** Posts the announcement where it was made; returns a problem to report, or null. */
  async function postToChannel(channelId: string | undefined, title: string, text: string) {
    if (!channelId) return "There is no channel here to post it in.";
    // The course title is escaped as a whole, so characters such as * in it stay literal.
    const header = `📣 **${escapeDiscord(title)}**`;
    const pieces = splitMessage(text, discordMarkdown, LIMITS.content - header.length - 2);
    try {
      for (const [index, piece] of pieces.entries()) {
        const content = index === 0 ? `${header}\n\n${piece}` : piece;
        const body = { content, allowed_mentions: { parse: [] } };
        await tools.rest.post(Routes.channelMessages(channelId), { body });
      }
      return null;
    } catch (error) {
      tools.logger.warn({ err: error, channel: channelId }, "announcement not posted");
      return "I could not post it in this channel: it was deleted, or I lack Send Messages there.";
    }
  }
}
