import type { ConversationHandler } from "../../core/conversation/router.js";
import type { Reply } from "../../core/messages.js";
import type { ActionTokenStore } from "../../core/ports/accounts.js";
import type { CatalogStore } from "../../core/ports/catalog.js";
import type { DiscordTools } from "./adapter.js";
import { toInbound } from "./inbound.js";
import type { CommandFlow } from "./interactions.js";
import { sendToChannel } from "./send.js";
import { commandText, optionValue } from "./slash-commands.js";

/** Dependencies of the announce flow. */
export interface AnnounceDeps {
  conversation: ConversationHandler;
  catalog: Pick<CatalogStore, "listCourses">;
  tokens: ActionTokenStore;
}

const REFUSED =
  "Only instructors can announce: you need the server's instructor role or the Manage Server permission. Nothing was sent.";

/**
 * `/announce` on Discord: allowed to the configured instructor role or Manage Server. The core's
 * /announce reaches every enrolled learner through the delivery pipeline; this flow also posts
 * the announcement in the course channel where it was made.
 */
export function announceFlow(deps: AnnounceDeps, tools: DiscordTools): CommandFlow {
  return {
    handles: (interaction) => interaction.data.name === "announce",
    async run(interaction, roles) {
      if (!roles.admin && !roles.instructor) return [{ text: REFUSED, personal: true }];
      const options = interaction.data.options;
      const slug = (optionValue(options, "course") ?? "").trim().toLowerCase();
      const message = (optionValue(options, "message") ?? "").trim();
      const course = (await deps.catalog.listCourses()).find((c) => c.slug === slug);
      if (!course)
        return [
          {
            text: `There is no course "${slug}". Pick one from the list while typing.`,
            personal: true,
          },
        ];
      if (message === "")
        return [
          { text: "The announcement is empty: write it in the message option.", personal: true },
        ];

      const hasCore = deps.conversation.commands().some((command) => command.name === "announce");
      const fromCore: Reply[] = hasCore
        ? await deps.conversation.handle(
            toInbound(interaction, { text: commandText("announce", options) }, roles),
          )
        : [];
      const problem = await postToChannel(interaction.channel_id, course.title, message);
      const note = problem ?? `Posted in this channel for ${course.title}.`;
      return [
        ...fromCore.map((reply) => ({ ...reply, personal: true })),
        { text: note, personal: true },
      ];
    },
  };

  /** Posts the announcement where it was made; returns a problem to report, or null. */
  async function postToChannel(channelId: string | undefined, title: string, message: string) {
    if (!channelId) return "There is no channel here to post in.";
    try {
      await sendToChannel(tools.rest, deps.tokens, channelId, [
        { text: `📣 **${title}**\n\n${message}` },
      ]);
      return null;
    } catch (error) {
      tools.logger.warn({ err: error, channel: channelId }, "announcement not posted");
      return "I could not post it in this channel: it was deleted, or I lack Send Messages there.";
    }
  }
}
