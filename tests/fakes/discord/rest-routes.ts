import {
  discordError,
  type FakeDiscord,
  type InteractionRecord,
  invalidForm,
  type RouteAnswer,
} from "./fake-discord.js";
import { type FakeMessage, snowflake } from "./state.js";
import { validateChoices, validateMessage, validateModal } from "./validate.js";

type Body = Record<string, unknown>;
type Handler = (fake: FakeDiscord, params: string[], body: Body) => RouteAnswer;

/** Callback types Discord accepts per interaction type (command, component, autocomplete, modal). */
const ALLOWED_CALLBACKS: Record<number, number[]> = {
  2: [4, 5, 9],
  3: [4, 5, 6, 7, 9],
  4: [8],
  5: [4, 5, 6, 7],
};

const UNAUTHORIZED: RouteAnswer = { status: 401, body: { message: "401: Unauthorized", code: 0 } };

/** Routes that Discord serves without a bot token (interaction callbacks and webhooks). */
const open: Array<[string, RegExp, Handler]> = [
  ["POST", /^\/interactions\/(\d+)\/([^/]+)\/callback$/, callback],
  ["PATCH", /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/, editOriginal],
  ["POST", /^\/webhooks\/(\d+)\/([^/]+)$/, followup],
];

const authed: Array<[string, RegExp, Handler]> = [
  ["GET", /^\/gateway\/bot$/, gatewayBot],
  ["GET", /^\/users\/@me$/, (fake) => ({ status: 200, body: fake.state.botUser })],
  [
    "GET",
    /^\/applications\/@me$/,
    (fake) => ({
      status: 200,
      body: { id: fake.state.applicationId, name: "StudyHall", bot: fake.state.botUser },
    }),
  ],
  ["POST", /^\/users\/@me\/channels$/, openDm],
  ["GET", /^\/users\/(\d+)$/, getUser],
  ["POST", /^\/channels\/(\d+)\/messages$/, createMessage],
  ["POST", /^\/channels\/(\d+)\/threads$/, createThread],
  ["PUT", /^\/channels\/(\d+)\/thread-members\/(\d+)$/, (f, p) => threadMember(f, p, true)],
  ["DELETE", /^\/channels\/(\d+)\/thread-members\/(\d+)$/, (f, p) => threadMember(f, p, false)],
  ["GET", /^\/guilds\/(\d+)\/roles$/, guildRoles],
  ["POST", /^\/guilds\/(\d+)\/scheduled-events$/, createEvent],
  ["GET", /^\/guilds\/(\d+)\/scheduled-events\/(\d+)\/users$/, eventUsers],
  ["DELETE", /^\/guilds\/(\d+)\/scheduled-events\/(\d+)$/, deleteEvent],
  ["PUT", /^\/applications\/(\d+)\/commands$/, (f, _p, b) => putCommands(f, undefined, b)],
  ["PUT", /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/, (f, p, b) => putCommands(f, p[1], b)],
];

/** Answers one REST request under /api/v10. */
export function restRoutes(
  fake: FakeDiscord,
  method: string,
  fullPath: string,
  body: Body,
  authorized: boolean,
): RouteAnswer {
  if (!fullPath.startsWith("/api/v10/")) return discordError(404, 0, "404: Not Found");
  const path = fullPath.slice("/api/v10".length);
  for (const [verb, pattern, handler] of open) {
    const match = verb === method ? pattern.exec(path) : null;
    if (match) return handler(fake, match.slice(1), body);
  }
  for (const [verb, pattern, handler] of authed) {
    const match = verb === method ? pattern.exec(path) : null;
    if (match) return authorized ? handler(fake, match.slice(1), body) : UNAUTHORIZED;
  }
  return discordError(404, 0, "404: Not Found");
}

function gatewayBot(fake: FakeDiscord): RouteAnswer {
  const limit = { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 };
  return {
    status: 200,
    body: { url: fake.state.gatewayUrl, shards: fake.state.shardCount, session_start_limit: limit },
  };
}

function store(fake: FakeDiscord, channelId: string, body: Body, interaction = true): FakeMessage {
  const message: FakeMessage = {
    id: snowflake(),
    channel_id: channelId,
    content: typeof body.content === "string" ? body.content : "",
    embeds: (body.embeds as unknown[]) ?? [],
    components: (body.components as unknown[]) ?? [],
    flags: Number(body.flags ?? 0),
    author: { id: fake.state.botUser.id, username: fake.state.botUser.username, bot: true },
    interaction,
  };
  fake.state.messages.push(message);
  return message;
}

function edit(message: FakeMessage, body: Body): void {
  if (body.content !== undefined) message.content = String(body.content ?? "");
  if (body.embeds !== undefined) message.embeds = (body.embeds as unknown[]) ?? [];
  if (body.components !== undefined) message.components = (body.components as unknown[]) ?? [];
}

function interaction(fake: FakeDiscord, token: string): InteractionRecord | undefined {
  return fake.interactions.get(token);
}

function callback(fake: FakeDiscord, [, token]: string[], body: Body): RouteAnswer {
  const record = interaction(fake, token!);
  if (!record) return discordError(404, 10062, "Unknown interaction");
  if (record.callbacks.length > 0) {
    return discordError(400, 40060, "Interaction has already been acknowledged.");
  }
  const type = Number(body.type);
  const data = (body.data as Body | undefined) ?? {};
  const kind = Number(record.payload.type);
  const allowed = ALLOWED_CALLBACKS[kind] ?? [];
  if (!allowed.includes(type)) {
    return invalidForm([
      ["type", `Callback type ${type} is not valid for interaction type ${kind}.`],
    ]);
  }
  const problems =
    type === 4 || type === 7
      ? validateMessage(data).map(([p, m]): [string, string] => [`data.${p}`, m])
      : type === 9
        ? validateModal(data)
        : type === 8
          ? validateChoices(data)
          : [];
  if (problems.length > 0) return invalidForm(problems);
  record.callbacks.push({ type, data });
  const channelId = String(record.payload.channel_id);
  if (type === 4 || type === 5)
    record.original = store(fake, channelId, { ...data, content: data.content ?? "" });
  if (type === 6 || type === 7) record.original = sourceMessage(fake, record);
  if (type === 7 && record.original) edit(record.original, data);
  return { status: 204 };
}

function sourceMessage(fake: FakeDiscord, record: InteractionRecord): FakeMessage | undefined {
  const id = (record.payload.message as Body | undefined)?.id;
  return fake.state.messages.find((message) => message.id === id);
}

function editOriginal(fake: FakeDiscord, [, token]: string[], body: Body): RouteAnswer {
  const record = interaction(fake, token!);
  if (!record) return discordError(404, 10015, "Unknown Webhook");
  if (!record.original) return discordError(404, 10008, "Unknown Message");
  const problems = validateMessage(body);
  if (problems.length > 0) return invalidForm(problems);
  edit(record.original, body);
  return { status: 200, body: fake.messagePayload(record.original) };
}

function followup(fake: FakeDiscord, [, token]: string[], body: Body): RouteAnswer {
  const record = interaction(fake, token!);
  if (!record) return discordError(404, 10015, "Unknown Webhook");
  if (record.callbacks.length === 0) return discordError(400, 10062, "Unknown interaction");
  const problems = validateMessage(body);
  if (problems.length > 0) return invalidForm(problems);
  const message = store(fake, String(record.payload.channel_id), body);
  record.followups.push(message);
  return { status: 200, body: fake.messagePayload(message) };
}

function createMessage(fake: FakeDiscord, [channelId]: string[], body: Body): RouteAnswer {
  const channel = fake.state.channel(channelId!);
  if (!channel) return discordError(404, 10003, "Unknown Channel");
  const recipient = channel.recipientId ? fake.state.users.get(channel.recipientId) : undefined;
  if (recipient?.dmsClosed) return discordError(403, 50007, "Cannot send messages to this user");
  const problems = validateMessage(body);
  if (problems.length > 0) return invalidForm(problems);
  return { status: 200, body: fake.messagePayload(store(fake, channel.id, body, false)) };
}

function getUser(fake: FakeDiscord, [userId]: string[]): RouteAnswer {
  if (!fake.state.users.has(userId!)) return discordError(404, 10013, "Unknown User");
  return { status: 200, body: fake.state.userPayload(userId!) };
}

function deleteEvent(fake: FakeDiscord, [, eventId]: string[]): RouteAnswer {
  const index = fake.state.scheduledEvents.findIndex((event) => event.id === eventId);
  if (index < 0) return discordError(404, 10070, "Unknown Guild Scheduled Event");
  fake.state.scheduledEvents.splice(index, 1);
  return { status: 204 };
}

function openDm(fake: FakeDiscord, _params: string[], body: Body): RouteAnswer {
  const userId = String(body.recipient_id ?? "");
  if (!fake.state.users.has(userId)) return discordError(404, 10013, "Unknown User");
  const existing = [...fake.state.channels.values()].find((c) => c.recipientId === userId);
  const channel = existing ?? fake.state.addChannel({ type: 1, name: "", recipientId: userId });
  return { status: 200, body: fake.state.channelPayload(channel) };
}

function createThread(fake: FakeDiscord, [channelId]: string[], body: Body): RouteAnswer {
  const parent = fake.state.channel(channelId!);
  if (!parent) return discordError(404, 10003, "Unknown Channel");
  const name = String(body.name ?? "");
  if (name.length < 1 || name.length > 100)
    return invalidForm([["name", "Must be between 1 and 100 in length."]]);
  const thread = fake.state.addChannel({
    type: Number(body.type ?? 11),
    name,
    guildId: parent.guildId,
    parentId: parent.id,
  });
  thread.members.push(fake.state.botUser.id);
  return { status: 201, body: fake.state.channelPayload(thread) };
}

function threadMember(fake: FakeDiscord, [channelId, userId]: string[], add: boolean): RouteAnswer {
  const thread = fake.state.channel(channelId!);
  if (!thread) return discordError(404, 10003, "Unknown Channel");
  if (![10, 11, 12].includes(thread.type)) {
    return discordError(400, 50024, "Cannot execute action on this channel type");
  }
  thread.members = thread.members.filter((member) => member !== userId);
  if (add) thread.members.push(userId!);
  return { status: 204 };
}

function guildRoles(fake: FakeDiscord, [guildId]: string[]): RouteAnswer {
  const guild = fake.state.guilds.find((candidate) => candidate.id === guildId);
  if (!guild) return discordError(404, 10004, "Unknown Guild");
  return { status: 200, body: guild.roles };
}

function createEvent(fake: FakeDiscord, [guildId]: string[], body: Body): RouteAnswer {
  const problems: Array<[string, string]> = [];
  const name = String(body.name ?? "");
  if (name.length < 1 || name.length > 100)
    problems.push(["name", "Must be between 1 and 100 in length."]);
  if (String(body.description ?? "").length > 1000)
    problems.push(["description", "Must be 1000 or fewer in length."]);
  if (Number(body.entity_type) === 3 && !(body.entity_metadata as Body | undefined)?.location) {
    problems.push(["entity_metadata.location", "This field is required"]);
  }
  if (Number(body.entity_type) === 3 && !body.scheduled_end_time)
    problems.push(["scheduled_end_time", "This field is required"]);
  if (problems.length > 0) return invalidForm(problems);
  const event = {
    id: snowflake(),
    guild_id: guildId!,
    name,
    description: String(body.description ?? ""),
    scheduled_start_time: String(body.scheduled_start_time),
    entity_type: Number(body.entity_type),
    interested: [] as string[],
    body,
  };
  fake.state.scheduledEvents.push(event);
  const { interested: _interested, body: _body, ...json } = event;
  return { status: 200, body: { ...json, status: 1, privacy_level: 2, user_count: 0 } };
}

function eventUsers(fake: FakeDiscord, [, eventId]: string[]): RouteAnswer {
  const event = fake.state.scheduledEvents.find((candidate) => candidate.id === eventId);
  if (!event) return discordError(404, 10070, "Unknown Guild Scheduled Event");
  const users = event.interested.map((id) => ({
    guild_scheduled_event_id: event.id,
    user: fake.state.userPayload(id),
  }));
  return { status: 200, body: users };
}

function putCommands(fake: FakeDiscord, guildId: string | undefined, body: unknown): RouteAnswer {
  const commands = (Array.isArray(body) ? body : []) as Body[];
  const problems: Array<[string, string]> = [];
  commands.forEach((command, i) => {
    if (!/^[-_\p{L}\p{N}]{1,32}$/u.test(String(command.name)))
      problems.push([`${i}.name`, "Invalid command name."]);
    if (String(command.description ?? "").length > 100)
      problems.push([`${i}.description`, "Must be 100 or fewer in length."]);
    problems.push(...validateOptions(command.options, `${i}.options`));
  });
  if (commands.length > 100) problems.push(["_", "Must be 100 or fewer in length."]);
  if (problems.length > 0) return invalidForm(problems);
  fake.commandSets.push({ guildId, commands });
  return {
    status: 200,
    body: commands.map((command) => ({
      ...command,
      id: snowflake(),
      application_id: fake.state.applicationId,
    })),
  };
}

function validateOptions(options: unknown, path: string): Array<[string, string]> {
  const list = (Array.isArray(options) ? options : []) as Body[];
  const problems: Array<[string, string]> = [];
  if (list.length > 25) problems.push([path, "Must be 25 or fewer in length."]);
  let optionalSeen = false;
  list.forEach((option, i) => {
    const at = `${path}.${i}`;
    if (!/^[-_\p{Ll}\p{N}]{1,32}$/u.test(String(option.name)))
      problems.push([`${at}.name`, "Invalid option name."]);
    const description = String(option.description ?? "");
    if (description.length < 1 || description.length > 100)
      problems.push([`${at}.description`, "Must be between 1 and 100 in length."]);
    if (option.required === true && optionalSeen)
      problems.push([
        `${at}.required`,
        "Required options must be placed before non-required options",
      ]);
    if (option.required !== true && Number(option.type) > 2) optionalSeen = true;
    problems.push(...validateOptions(option.options, `${at}.options`));
  });
  return problems;
}
