import type { WebClient } from "@slack/web-api";
import type { CourseListing } from "../../core/ports/catalog.js";
import type { SlackSubcommand } from "./commands.js";
import type { TurnPlace } from "./deliver.js";
import type { SlackRuntime } from "./runtime.js";
import { slackErrorCode } from "./send-errors.js";

/** Slack channel names: lower case letters, digits, "-" and "_", at most 80 characters. */
export function channelNameFor(slug: string, attempt: number): string {
  const base = `${slug}-study`
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .slice(0, 76);
  return attempt === 0 ? base : `${base}-${attempt + 1}`;
}

/** User ids mentioned in slash command text (`<@U123|ada>` once Slack escapes them). */
export function mentionedUsers(text: string): string[] {
  return [...new Set([...text.matchAll(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g)].map((m) => m[1]!))];
}

async function createChannel(
  client: WebClient,
  slug: string,
): Promise<{ id: string; name: string }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const name = channelNameFor(slug, attempt);
    try {
      const created = await client.conversations.create({ name });
      return { id: created.channel!.id!, name };
    } catch (error) {
      if (slackErrorCode(error) !== "name_taken") throw error;
    }
  }
  throw new Error(`no free channel name for ${slug}`);
}

async function invite(rt: SlackRuntime, channel: string, users: string[]): Promise<void> {
  try {
    await rt.client.conversations.invite({ channel, users: users.join(",") });
  } catch (error) {
    // Someone already in the channel is not a reason to stop.
    if (slackErrorCode(error) !== "already_in_channel") throw error;
  }
}

/** Binds the new channel to the course through the core, as its organizer, and reports back. */
async function bindChannel(
  rt: SlackRuntime,
  command: Parameters<SlackSubcommand>[1],
  place: TurnPlace,
  course: CourseListing,
  channel: { id: string; name: string },
  members: string[],
): Promise<void> {
  const groupPlace = { userId: command.user_id, channel: channel.id, direct: false, dm: place.dm };
  const organizer = { id: command.user_id, name: command.user_name };
  // The organizer created the channel, so they administer it.
  const input = { text: `/groups ${course.slug}`, title: channel.name, roles: { admin: true } };
  await rt.runTurn(groupPlace, organizer, input);
  const people = `${members.length} member${members.length === 1 ? "" : "s"}`;
  const text = `Created #${channel.name} for **${course.title}** and invited ${people}.`;
  await rt.deliver(place, [{ text, personal: true }]);
}

/**
 * `/learn groups create <course-slug> [@members...]`: makes a channel for the course's study
 * group, invites the organizer and the members named, and binds it through the core's
 * `/groups <slug>` so lessons, the daily group quiz and announcements reach it.
 */
export function groupsCreateSubcommand(
  listCourses: () => Promise<CourseListing[]>,
): SlackSubcommand {
  return async (rt, command) => {
    const match = /^groups\s+create(?:\s+(\S+))?([\s\S]*)$/i.exec(command.text.trim());
    if (!match) return false;
    const place = await rt.place(command.user_id, command.channel_id, command.trigger_id);
    const slug = (match[1] ?? "").toLowerCase();
    const course = (await listCourses()).find((c) => c.slug === slug);
    if (!course) {
      const hint = slug
        ? `There is no course "${slug}".`
        : "Name the course: `/learn groups create <course-slug> @member @member`.";
      const text = `${hint} Send /courses to see the course slugs.`;
      await rt.deliver(place, [{ text, personal: true }]);
      return true;
    }
    const channel = await createChannel(rt.client, course.slug);
    const members = [command.user_id, ...mentionedUsers(match[2] ?? "")];
    await invite(rt, channel.id, members);
    await bindChannel(rt, command, place, course, channel, members);
    return true;
  };
}
