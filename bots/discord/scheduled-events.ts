import {
  type APIChatInputApplicationCommandInteraction,
  type APIGuildScheduledEvent,
  type APIUser,
  DiscordAPIError,
  GuildScheduledEventEntityType,
  GuildScheduledEventPrivacyLevel,
  Routes,
} from "discord.js";
import type { Clock } from "../../core/clock.js";
import {
  formatEventTime,
  mayTeach,
  parseEventArgs,
  scheduleEvent,
} from "../../core/community/events.js";
import type { TurnContext } from "../../core/conversation/command.js";
import type { Reply, SenderRoles } from "../../core/messages.js";
import type { AccountStore } from "../../core/ports/accounts.js";
import type { CatalogStore } from "../../core/ports/catalog.js";
import type { EventStore, StaffStore } from "../../core/ports/community.js";
import type { DiscordTools } from "./adapter.js";
import { toInbound } from "./inbound.js";
import type { CommandFlow } from "./interactions.js";
import { optionValue } from "./slash-commands.js";

/** Dependencies of the Discord events flow. */
export interface ScheduledEventDeps {
  accounts: Pick<AccountStore, "identify">;
  events: EventStore;
  staff: StaffStore;
  catalog: Pick<CatalogStore, "listCourses">;
  clock: Clock;
}

const DURATION_MINUTES = 60;

/** A checked `/event` request. */
interface EventRequest {
  guildId: string;
  ctx: TurnContext;
  course: { id: string; title: string };
  location: string;
  startsAt: Date;
  title: string;
}

/**
 * `/event` on Discord: checks the sender may teach the course, creates a Discord scheduled event
 * (https://discord.com/developers/docs/resources/guild-scheduled-event) and the core Event bound
 * to it, so that members who press "Interested" are reminded through the delivery pipeline.
 */
export function scheduledEventFlow(deps: ScheduledEventDeps, tools: DiscordTools): CommandFlow {
  /** Who asks, for which course and when; or what is wrong with the request. */
  async function checkRequest(
    interaction: APIChatInputApplicationCommandInteraction,
    roles: SenderRoles,
  ): Promise<EventRequest | { problem: string }> {
    const guildId = interaction.guild_id;
    if (!guildId) {
      return {
        problem: "Scheduled events belong to a server: run /event in a channel of your server.",
      };
    }
    const options = interaction.data.options;
    const inbound = toInbound(interaction, {}, roles);
    const { learner, account } = await deps.accounts.identify({
      platform: "discord",
      externalId: inbound.userId,
      displayName: inbound.displayName,
      username: inbound.username,
    });
    const now = deps.clock.now();
    const args = ["course", "date", "time", "title"].map(
      (name) => optionValue(options, name) ?? "",
    );
    const parsed = parseEventArgs(args.join(" "), learner.timeZone, now);
    if ("problem" in parsed) return parsed;
    const course = (await deps.catalog.listCourses()).find((c) => c.slug === parsed.slug);
    if (!course)
      return {
        problem: `There is no course "${parsed.slug}". Pick one from the list while typing.`,
      };
    const ctx: TurnContext = { inbound, learner, account, now, log: tools.logger };
    if (!(await mayTeach(deps, ctx, course.id))) {
      return {
        problem:
          "Only instructors can schedule events: you need the instructor role or the Manage Server permission.",
      };
    }
    const location = (optionValue(options, "location") ?? "").trim() || "Online";
    return { guildId, ctx, course, location, startsAt: parsed.startsAt, title: parsed.title };
  }

  async function run(
    interaction: APIChatInputApplicationCommandInteraction,
    roles: SenderRoles,
  ): Promise<Reply[]> {
    const request = await checkRequest(interaction, roles);
    if ("problem" in request) return [personal(request.problem)];
    const { guildId, ctx, course, location } = request;
    const created = await createDiscordEvent(guildId, request, course.title, location);
    if ("problem" in created) return [personal(created.problem)];
    const removeDiscordEvent = () =>
      tools.rest.delete(Routes.guildScheduledEvent(guildId, created.id)).catch(() => {});
    const event = await scheduleEvent(deps, ctx, {
      courseId: course.id,
      title: request.title,
      description: `${course.title} on StudyHall`,
      startsAt: request.startsAt,
      durationMinutes: DURATION_MINUTES,
      location,
      platform: "discord",
      externalId: created.id,
    }).catch(async (error: unknown) => {
      await removeDiscordEvent();
      throw error;
    });
    if ("problem" in event) {
      await removeDiscordEvent();
      return [personal(event.problem)];
    }
    const when = formatEventTime(event.startsAt, ctx.learner.timeZone);
    return [
      {
        text: `Scheduled **${event.title}** for ${course.title}: ${when}, ${location}. Everyone who presses Interested on it gets a reminder before it starts.`,
        links: [
          { label: "Open the event", url: `https://discord.com/events/${guildId}/${created.id}` },
        ],
      },
    ];
  }

  async function createDiscordEvent(
    guildId: string,
    parsed: { startsAt: Date; title: string },
    courseTitle: string,
    location: string,
  ): Promise<APIGuildScheduledEvent | { problem: string }> {
    const end = new Date(parsed.startsAt.getTime() + DURATION_MINUTES * 60_000);
    const body = {
      name: parsed.title.slice(0, 100),
      description: `${courseTitle} on StudyHall`.slice(0, 1000),
      privacy_level: GuildScheduledEventPrivacyLevel.GuildOnly,
      entity_type: GuildScheduledEventEntityType.External,
      entity_metadata: { location: location.slice(0, 100) },
      scheduled_start_time: parsed.startsAt.toISOString(),
      scheduled_end_time: end.toISOString(),
    };
    try {
      return (await tools.rest.post(Routes.guildScheduledEvents(guildId), {
        body,
      })) as APIGuildScheduledEvent;
    } catch (error) {
      tools.logger.warn({ err: error, guild: guildId }, "scheduled event not created");
      const denied =
        error instanceof DiscordAPIError && [50001, 50013].includes(Number(error.code));
      return {
        problem: denied
          ? "I may not create events in this server. Ask an admin to give me Create Events (Manage Events). Nothing was saved."
          : "Discord did not accept the event, so nothing was saved. Check the title (at most 100 characters) and try again.",
      };
    }
  }

  return {
    handles: (interaction) => interaction.data.name === "event",
    run,
  };
}

/** A member pressed or unpressed "Interested" on a scheduled event (GUILD_SCHEDULED_EVENT_USER_ADD/REMOVE). */
export interface InterestChange {
  guild_scheduled_event_id: string;
  user_id: string;
  guild_id: string;
}

/**
 * Records interest in a StudyHall event as an RSVP, so the core's event reminders reach the
 * member; events created outside StudyHall are ignored.
 */
export async function recordInterest(
  deps: ScheduledEventDeps,
  tools: DiscordTools,
  change: InterestChange,
  interested: boolean,
): Promise<void> {
  const event = await deps.events.findByExternal("discord", change.guild_scheduled_event_id);
  if (!event) return;
  const user = (await tools.rest.get(Routes.user(change.user_id))) as APIUser;
  const dm = (await tools.rest.post(Routes.userChannels(), {
    body: { recipient_id: user.id },
  })) as { id: string };
  const { learner } = await deps.accounts.identify({
    platform: "discord",
    externalId: user.id,
    displayName: user.global_name ?? user.username,
    username: user.username,
    chatId: dm.id,
  });
  await deps.events.rsvp(event.id, learner.id, interested ? "interested" : "declined");
}

function personal(text: string): Reply {
  return { text, personal: true };
}
