/** What the fake Discord knows: guilds, channels, users, messages and scheduled events. */

/** A member of a fake guild. */
export interface FakeMember {
  userId: string;
  roles: string[];
}

/** A fake guild with its channels and roles. */
export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  roles: Array<{ id: string; name: string; permissions: string }>;
  members: FakeMember[];
}

/** A channel, thread or DM channel. */
export interface FakeChannel {
  id: string;
  type: number;
  name: string;
  guildId?: string;
  parentId?: string;
  /** DM channels: the user on the other side. */
  recipientId?: string;
  /** Thread members (user ids). */
  members: string[];
  deleted: boolean;
}

/** A message stored in a channel. */
export interface FakeMessage {
  id: string;
  channel_id: string;
  content: string;
  embeds: unknown[];
  components: unknown[];
  flags: number;
  author: { id: string; username: string; bot: boolean };
  /** True for answers to interactions (callbacks and follow-ups), false for channel posts. */
  interaction: boolean;
}

/** A guild scheduled event and the users interested in it. */
export interface FakeScheduledEvent {
  id: string;
  guild_id: string;
  name: string;
  description?: string;
  scheduled_start_time: string;
  entity_type: number;
  interested: string[];
  body: Record<string, unknown>;
}

let counter = 0n;
/** A fresh snowflake-shaped id (a timestamp part keeps shard routing meaningful). */
export function snowflake(): string {
  counter += 1n;
  return String((BigInt(Date.now() - 1_420_070_400_000) << 22n) + counter);
}

/** The fake's in-memory world. */
export class FakeState {
  readonly applicationId = snowflake();
  readonly botUser = { id: snowflake(), username: "StudyHall", discriminator: "0", bot: true };
  readonly guilds: FakeGuild[] = [];
  readonly channels = new Map<string, FakeChannel>();
  readonly users = new Map<string, { id: string; username: string; dmsClosed: boolean }>();
  readonly messages: FakeMessage[] = [];
  readonly scheduledEvents: FakeScheduledEvent[] = [];
  gatewayUrl = "";

  constructor(
    readonly token: string,
    readonly shardCount: number,
  ) {}

  /** Adds a user Discord knows. */
  addUser(username: string, options: { dmsClosed?: boolean } = {}): string {
    const id = snowflake();
    this.users.set(id, { id, username, dmsClosed: options.dmsClosed ?? false });
    return id;
  }

  /** Adds a guild whose owner is `ownerId`, with an @everyone role. */
  addGuild(name: string, ownerId: string): FakeGuild {
    const id = snowflake();
    const guild: FakeGuild = {
      id,
      name,
      ownerId,
      roles: [{ id, name: "@everyone", permissions: "1024" }],
      members: [],
    };
    this.guilds.push(guild);
    return guild;
  }

  /** Adds a role and returns its id. */
  addRole(guild: FakeGuild, name: string, permissions = "0"): string {
    const id = snowflake();
    guild.roles.push({ id, name, permissions });
    return id;
  }

  /** Adds a channel (type 0 text, 4 category, 1 DM, 12 private thread). */
  addChannel(channel: Omit<FakeChannel, "id" | "members" | "deleted">): FakeChannel {
    const created: FakeChannel = { ...channel, id: snowflake(), members: [], deleted: false };
    this.channels.set(created.id, created);
    return created;
  }

  /** A live (not deleted) channel, or undefined. */
  channel(id: string): FakeChannel | undefined {
    const channel = this.channels.get(id);
    return channel && !channel.deleted ? channel : undefined;
  }

  /** The guilds shard `[id, count]` owns, by Discord's rule (guild_id >> 22) % count. */
  guildsOfShard([id, count]: [number, number]): FakeGuild[] {
    return this.guilds.filter((guild) => Number((BigInt(guild.id) >> 22n) % BigInt(count)) === id);
  }

  /** The channel JSON Discord sends. */
  channelPayload(channel: FakeChannel): Record<string, unknown> {
    return {
      id: channel.id,
      type: channel.type,
      name: channel.name,
      guild_id: channel.guildId,
      parent_id: channel.parentId ?? null,
      position: 0,
      permission_overwrites: [],
      ...(channel.recipientId ? { recipients: [this.userPayload(channel.recipientId)] } : {}),
      ...(channel.type === 12
        ? {
            thread_metadata: {
              archived: false,
              locked: false,
              auto_archive_duration: 10080,
              archive_timestamp: new Date().toISOString(),
              invitable: false,
            },
          }
        : {}),
    };
  }

  /** The user JSON Discord sends. */
  userPayload(userId: string): Record<string, unknown> {
    const user = this.users.get(userId);
    return {
      id: userId,
      username: user?.username ?? "unknown",
      discriminator: "0",
      global_name: user?.username ?? null,
      avatar: null,
    };
  }

  /** The GUILD_CREATE payload of a guild. */
  guildPayload(guildId: string): Record<string, unknown> {
    const guild = this.guilds.find((candidate) => candidate.id === guildId)!;
    const channels = [...this.channels.values()].filter(
      (channel) => channel.guildId === guildId && !channel.deleted && channel.type !== 12,
    );
    return {
      id: guild.id,
      name: guild.name,
      owner_id: guild.ownerId,
      unavailable: false,
      member_count: guild.members.length,
      large: false,
      joined_at: new Date().toISOString(),
      roles: guild.roles.map((role, position) => ({
        ...role,
        position,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
      })),
      channels: channels.map((channel) => this.channelPayload(channel)),
      threads: [],
      members: [],
      presences: [],
      voice_states: [],
      emojis: [],
      stickers: [],
      stage_instances: [],
      guild_scheduled_events: [],
      features: [],
      preferred_locale: "en-US",
    };
  }
}
