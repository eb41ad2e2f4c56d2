import {
  type APIInteraction,
  type APIRole,
  Client,
  GatewayDispatchEvents,
  GatewayIntentBits,
  REST,
  Routes,
} from "discord.js";
import type { PlatformAdapter } from "../../core/adapter.js";
import type { ConversationHandler } from "../../core/conversation/router.js";
import type { Logger } from "../../core/logger.js";
import type { AccountStore, ActionTokenStore } from "../../core/ports/accounts.js";
import type { CatalogStore } from "../../core/ports/catalog.js";
import { inGuild, interactionUser } from "./inbound.js";
import {
  type CommandFlow,
  createInteractionHandler,
  type InteractionDeps,
  type InteractionHandler,
} from "./interactions.js";
import type { Respond } from "./respond.js";
import type { InterestChange } from "./scheduled-events.js";
import { sendToChannel } from "./send.js";

/**
 * Gateway intents, only what StudyHall uses. Interactions reach a bot without any intent.
 * - Guilds: the guild, channel, thread and role caches (study threads, instructor role names)
 *   and the READY/GUILD_CREATE sequence the client waits for.
 * - GuildScheduledEvents: who presses "Interested" on a scheduled event, to remind them.
 * StudyHall never reads chat messages, so neither GuildMessages nor the privileged
 * MessageContent intent is requested, and no partials are needed (a message in an uncached
 * channel would be dropped without the Channel partial, but interactions are read raw).
 */
export const DISCORD_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildScheduledEvents];

/** Discord's global limit is 50 requests per second per bot. */
const DISCORD_RATE = { perSecond: 50 };

/** Everything the Discord adapter needs; built in app/compose.ts. */
export interface DiscordAdapterDeps {
  token: string;
  /** REST base without the version (DISCORD_API_BASE); discord.js appends /v10. */
  apiBase?: string;
  /** Id or name of the role that may run instructor commands (DISCORD_INSTRUCTOR_ROLE). */
  instructorRole?: string;
  /** Connect to the gateway (default). False serves only the HTTP interactions endpoint. */
  connectGateway?: boolean;
  conversation: ConversationHandler;
  accounts: Pick<AccountStore, "identify">;
  tokens: ActionTokenStore;
  catalog: Pick<CatalogStore, "listCourses">;
  /** Builds the Discord-specific flows (study threads, events, announcements). */
  flows?: (tools: DiscordTools) => CommandFlow[];
  /** A member marked (or unmarked) interest in a scheduled event; needs the gateway. */
  onInterest?: (tools: DiscordTools, change: InterestChange, interested: boolean) => Promise<void>;
  /** Extra autocompletion (study groups). */
  choices?: InteractionDeps["choices"];
  logger: Logger;
  deferAfterMs?: number;
  /** Shards this process runs; ShardingManager passes them through SHARDS/SHARD_COUNT. */
  shards?: number[];
  shardCount?: number;
}

/** What flows get from the adapter: the REST client and the gateway client when connected. */
export interface DiscordTools {
  rest: REST;
  client: Client | null;
  logger: Logger;
}

/** The Discord adapter: the platform contract plus the pieces the HTTP endpoint shares. */
export interface DiscordAdapter extends PlatformAdapter {
  readonly interactions: InteractionHandler;
  readonly rest: REST;
  readonly client: Client | null;
  /** Resolves when every interaction and background task started so far is finished. */
  idle(): Promise<void>;
}

/** Creates the Discord adapter (discord.js gateway client, REST, interactions, deliveries). */
export function createDiscordAdapter(deps: DiscordAdapterDeps): DiscordAdapter {
  const log = deps.logger.child({ platform: "discord" });
  const restOptions = deps.apiBase ? { api: deps.apiBase } : {};
  const rest = new REST(restOptions).setToken(deps.token);
  const deliveryRest = new REST({
    ...restOptions,
    rejectOnRateLimit: () => true,
    retries: 0,
  }).setToken(deps.token);
  const client =
    deps.connectGateway === false
      ? null
      : new Client({
          intents: DISCORD_INTENTS,
          rest: restOptions,
          ...(deps.shards ? { shards: deps.shards, shardCount: deps.shardCount } : {}),
        });
  const tools: DiscordTools = { rest: client?.rest ?? rest, client, logger: log };
  const background = new Set<Promise<unknown>>();
  const instructorRoles = createRoleResolver(deps.instructorRole, tools);
  const reachability = createReachability(deps.accounts, tools.rest, log);

  const interactions = createInteractionHandler({
    conversation: deps.conversation,
    tokens: deps.tokens,
    rest: tools.rest,
    logger: log,
    listCourses: () => deps.catalog.listCourses(),
    choices: deps.choices,
    instructorRoles,
    flows: deps.flows?.(tools) ?? [],
    deferAfterMs: deps.deferAfterMs,
  });

  function track(task: Promise<unknown>): void {
    background.add(task);
    void task.finally(() => background.delete(task));
  }

  /** Every interaction, from the gateway or the HTTP endpoint, makes its user reachable by DM. */
  const handle = interactions.handle;
  const shared: InteractionHandler = {
    idle: interactions.idle,
    async handle(interaction, respond) {
      await handle(interaction, respond);
      if (interaction.type !== 1) track(reachability(interaction));
    },
  };

  client?.ws.on(GatewayDispatchEvents.InteractionCreate, (interaction: APIInteraction) => {
    const respond: Respond = async (body) => {
      await tools.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
        body,
        auth: false,
      });
    };
    track(shared.handle(interaction, respond));
  });

  const interest = (interested: boolean) => (change: InterestChange) => {
    const task = deps.onInterest?.(tools, change, interested).catch((error: unknown) => {
      log.warn({ err: error, event: change.guild_scheduled_event_id }, "interest not recorded");
    });
    if (task) track(task);
  };
  client?.ws.on(GatewayDispatchEvents.GuildScheduledEventUserAdd, interest(true));
  client?.ws.on(GatewayDispatchEvents.GuildScheduledEventUserRemove, interest(false));

  return {
    platform: "discord",
    rateLimit: DISCORD_RATE,
    interactions: shared,
    rest: tools.rest,
    client,
    async start() {
      if (!client) return;
      const ready = new Promise<void>((resolve) => client.once("clientReady", () => resolve()));
      await client.login(deps.token);
      await ready;
      log.info(
        { guilds: client.guilds.cache.size, shards: client.options.shards },
        "gateway ready",
      );
    },
    async stop() {
      await this.idle();
      await client?.destroy();
    },
    async idle() {
      while (background.size > 0) await Promise.allSettled([...background]);
      await interactions.idle();
    },
    send: (target, replies) => sendToChannel(deliveryRest, deps.tokens, target, replies),
  };
}

/**
 * Resolves the configured instructor role to role ids per guild: a snowflake is used as is, a
 * name is looked up in the guild's roles (the gateway cache, else REST) and cached.
 */
function createRoleResolver(role: string | undefined, tools: DiscordTools) {
  const cache = new Map<string, { ids: string[]; at: number }>();
  return async (guildId: string): Promise<string[]> => {
    if (!role) return [];
    if (/^\d{17,20}$/.test(role)) return [role];
    const cached = cache.get(guildId);
    if (cached && Date.now() - cached.at < 5 * 60_000) return cached.ids;
    const fromCache = tools.client?.guilds.cache.get(guildId)?.roles.cache;
    const roles: Array<Pick<APIRole, "id" | "name">> = fromCache?.size
      ? [...fromCache.values()]
      : ((await tools.rest.get(Routes.guildRoles(guildId)).catch(() => [])) as APIRole[]);
    const wanted = role.toLowerCase();
    const ids = roles
      .filter((candidate) => candidate.name.toLowerCase() === wanted)
      .map((r) => r.id);
    cache.set(guildId, { ids, at: Date.now() });
    return ids;
  };
}

/**
 * Records each user's DM channel as their account's chat, once per process, so that lessons,
 * reminders and announcements reach learners who only ever used commands in a server.
 */
function createReachability(accounts: Pick<AccountStore, "identify">, rest: REST, log: Logger) {
  const known = new Set<string>();
  return async (interaction: APIInteraction): Promise<void> => {
    const user = interactionUser(interaction);
    if (!user || known.has(user.id)) return;
    known.add(user.id);
    try {
      const chatId = inGuild(interaction)
        ? (
            (await rest.post(Routes.userChannels(), { body: { recipient_id: user.id } })) as {
              id: string;
            }
          ).id
        : interaction.channel_id;
      await accounts.identify({
        platform: "discord",
        externalId: user.id,
        displayName: user.global_name ?? user.username,
        username: user.username,
        chatId,
      });
    } catch (error) {
      known.delete(user.id);
      log.warn({ err: error, user: user.id }, "could not record the DM channel");
    }
  };
}
