import {
  type APIChannel,
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
  ChannelType,
  DiscordAPIError,
  Routes,
} from "discord.js";
import type { ConversationHandler } from "../../core/conversation/router.js";
import type { Reply, SenderRoles } from "../../core/messages.js";
import type { ActionTokenStore } from "../../core/ports/accounts.js";
import type { CatalogStore } from "../../core/ports/catalog.js";
import type { StudyGroupStore } from "../../core/ports/community.js";
import type { DiscordTools } from "./adapter.js";
import { inGuild, interactionUser, toInbound } from "./inbound.js";
import type { Choice, CommandFlow } from "./interactions.js";
import { sendToChannel } from "./send.js";
import { optionValue, subcommand } from "./slash-commands.js";

/** Dependencies of the study-thread flow. */
export interface StudyThreadDeps {
  conversation: ConversationHandler;
  groups: Pick<StudyGroupStore, "get" | "findByPlace" | "listForCourse">;
  catalog: Pick<CatalogStore, "listCourses">;
  tokens: ActionTokenStore;
}

/** Discord's "Cannot execute action on this channel type" (thread members of a text channel). */
const NOT_A_THREAD = 50024;

/** Seven days: the longest auto-archive Discord allows, so a study thread stays visible. */
const ARCHIVE_MINUTES = 10_080;

/**
 * `/groups create|join|leave` on Discord: a study group is a private thread, created in the
 * channel where the command runs, whose members are the group's members. The core keeps the
 * StudyGroup (bound to the thread id); this flow keeps the thread's members in step.
 */
export function studyThreadFlow(deps: StudyThreadDeps, tools: DiscordTools): CommandFlow {
  async function setMember(
    threadId: string,
    userId: string,
    member: boolean,
  ): Promise<string | null> {
    const route = Routes.threadMembers(threadId, userId);
    try {
      await (member ? tools.rest.put(route) : tools.rest.delete(route));
      return null;
    } catch (error) {
      // A channel an admin bound to the course is not a thread: its own permissions decide.
      if (error instanceof DiscordAPIError && error.code === NOT_A_THREAD) return null;
      tools.logger.warn({ err: error, thread: threadId }, "thread membership not changed");
      return error instanceof DiscordAPIError && error.code === 10003
        ? "The group's thread no longer exists on Discord."
        : "I could not change your membership of the group's thread; ask an admin to check my permissions.";
    }
  }

  async function create(
    interaction: APIChatInputApplicationCommandInteraction,
    roles: SenderRoles,
  ) {
    const options = subcommand(interaction.data.options)?.options;
    const slug = (optionValue(options, "course") ?? "").trim().toLowerCase();
    const course = (await deps.catalog.listCourses()).find((c) => c.slug === slug);
    if (!course)
      return [
        reply(
          `There is no course "${slug}". Pick one from the list while typing, or see /courses.`,
        ),
      ];
    if (!inGuild(interaction)) {
      return [
        reply("Study groups live in servers: run /groups create in a channel of your server."),
      ];
    }
    const name = (optionValue(options, "name") ?? "").trim() || `${course.title} study group`;
    const thread = await createThread(interaction.channel_id ?? "", name.slice(0, 100));
    if ("problem" in thread) return [reply(thread.problem)];

    const userId = interactionUser(interaction).id;
    await setMember(thread.id, userId, true);
    // The creator owns the new private thread, so the core lets them bind it to the course.
    const inbound = toInbound(
      interaction,
      { text: `/groups ${course.slug}` },
      { ...roles, admin: true },
    );
    inbound.chat = { id: thread.id, kind: "group", title: name };
    const bound = await deps.conversation.handle(inbound);
    await sendToChannel(tools.rest, deps.tokens, thread.id, bound);
    const url = `https://discord.com/channels/${interaction.guild_id}/${thread.id}`;
    return [
      {
        text: `Created the private study thread **${name}** for ${course.title}. Others join with /groups join; lessons and discussion prompts are posted there.`,
        links: [{ label: "Open the thread", url }],
        personal: true,
      },
    ];
  }

  async function createThread(
    channelId: string,
    name: string,
  ): Promise<APIChannel | { problem: string }> {
    try {
      const body = {
        name,
        type: ChannelType.PrivateThread,
        invitable: false,
        auto_archive_duration: ARCHIVE_MINUTES,
      };
      return (await tools.rest.post(Routes.threads(channelId), { body })) as APIChannel;
    } catch (error) {
      tools.logger.warn({ err: error, channel: channelId }, "study thread not created");
      const code = error instanceof DiscordAPIError ? Number(error.code) : 0;
      if (code === 10003) {
        return {
          problem:
            "I could not create the study thread: this channel no longer exists. Run /groups create in an existing text channel. Nothing was saved.",
        };
      }
      if (code === 50001 || code === 50013) {
        return {
          problem:
            "I may not create private threads here. Ask an admin to give me Create Private Threads and Manage Threads in this channel. Nothing was saved.",
        };
      }
      return {
        problem:
          "Discord did not let me create the study thread (it must be a text channel). Nothing was saved.",
      };
    }
  }

  /** The group named by the `group` option, or the one living in the current thread. */
  async function targetGroup(interaction: APIChatInputApplicationCommandInteraction) {
    const options = subcommand(interaction.data.options)?.options;
    const id = optionValue(options, "group");
    if (id) return deps.groups.get(id);
    return deps.groups.findByPlace("discord", interaction.channel_id ?? "");
  }

  async function joinOrLeave(
    interaction: APIChatInputApplicationCommandInteraction,
    roles: SenderRoles,
    join: boolean,
  ) {
    const group = await targetGroup(interaction);
    if (!group) {
      return [
        reply(
          "Which group? Pick one from the list while typing the group option, or run this inside the study thread.",
        ),
      ];
    }
    const verb = join ? "join" : "leave";
    const replies = await deps.conversation.handle(
      toInbound(interaction, { text: `/groups ${verb} ${group.id}` }, roles),
    );
    if (group.platform !== "discord") return replies;
    const problem = await setMember(group.externalId, interactionUser(interaction).id, join);
    return problem ? [...replies, reply(problem)] : replies;
  }

  return {
    handles(interaction) {
      const sub = subcommand(interaction.data.options)?.name;
      return (
        interaction.data.name === "groups" &&
        (sub === "create" || sub === "join" || sub === "leave")
      );
    },
    async run(interaction, roles) {
      const sub = subcommand(interaction.data.options)?.name;
      if (sub === "create") return create(interaction, roles);
      return joinOrLeave(interaction, roles, sub === "join");
    },
    async afterTurn(interaction: APIInteraction, part) {
      const match = /^gr([jl]):(.+)$/.exec(part.action ?? "");
      if (!match) return;
      const group = await deps.groups.get(match[2]!);
      if (group?.platform === "discord")
        await setMember(group.externalId, interactionUser(interaction).id, match[1] === "j");
    },
  };
}

/** Autocompletion of the `group` option: Discord study groups of every course, by name. */
export async function studyGroupChoices(deps: StudyThreadDeps, query: string): Promise<Choice[]> {
  const courses = await deps.catalog.listCourses();
  const choices: Choice[] = [];
  for (const course of courses) {
    for (const group of await deps.groups.listForCourse(course.id)) {
      if (group.platform !== "discord" || !group.name.toLowerCase().includes(query)) continue;
      choices.push({ name: `${group.name} (${course.title})`.slice(0, 100), value: group.id });
      if (choices.length === 25) return choices;
    }
  }
  return choices;
}

function reply(text: string): Reply {
  return { text, personal: true };
}
