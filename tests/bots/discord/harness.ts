import {
  createDiscordAdapter,
  type DiscordAdapter,
  type DiscordAdapterDeps,
} from "../../../bots/discord/adapter.js";
import { silentLogger } from "../../../core/logger.js";
import type { AccountStore, ActionTokenStore } from "../../../core/ports/accounts.js";
import { FakeDiscord } from "../../fakes/discord/fake-discord.js";
import type { InteractionPayload, InteractionPlace } from "../../fakes/discord/interactions.js";
import type { FakeChannel, FakeGuild } from "../../fakes/discord/state.js";
import { memoryTokens } from "./memory-tokens.js";

/** A fake Discord with one server, a #general channel, a learner and an instructor. */
export interface DiscordWorld {
  fake: FakeDiscord;
  adapter: DiscordAdapter;
  guild: FakeGuild;
  general: FakeChannel;
  learnerId: string;
  otherId: string;
  instructorId: string;
  instructorRoleId: string;
  /** Where the learner (or `userId`) interacts: #general of the server. */
  at(userId?: string, extra?: Partial<InteractionPlace>): InteractionPlace;
  /** Waits until the interaction got its callback and every follow-up was sent. */
  settle(payload: InteractionPayload): Promise<void>;
  close(): Promise<void>;
}

/** Records the identify calls the adapter makes to register DM channels. */
export function recordingAccounts(): Pick<AccountStore, "identify"> & {
  chats: Map<string, string>;
} {
  const chats = new Map<string, string>();
  return {
    chats,
    async identify(sender) {
      if (sender.chatId) chats.set(sender.externalId, sender.chatId);
      const learner = {
        id: `l-${sender.externalId}`,
        displayName: sender.displayName,
        timeZone: "UTC",
        createdAt: new Date(0),
      };
      const account = {
        id: `a-${sender.externalId}`,
        learnerId: learner.id,
        platform: sender.platform,
        externalId: sender.externalId,
        chatId: sender.chatId ?? null,
        reachable: true,
      };
      return { learner, account };
    },
  };
}

/** Starts the fake and a connected adapter; `deps` overrides the adapter's dependencies. */
export async function startDiscordWorld(
  deps: Partial<DiscordAdapterDeps> & Pick<DiscordAdapterDeps, "conversation">,
  options: { tokens?: ActionTokenStore } = {},
): Promise<DiscordWorld> {
  const fake = await FakeDiscord.start();
  const learnerId = fake.state.addUser("ada");
  const otherId = fake.state.addUser("grace");
  const instructorId = fake.state.addUser("prof");
  const guild = fake.state.addGuild("Study Server", instructorId);
  const instructorRoleId = fake.state.addRole(guild, "Instructor");
  const category = fake.state.addChannel({ type: 4, name: "Courses", guildId: guild.id });
  const general = fake.state.addChannel({
    type: 0,
    name: "general",
    guildId: guild.id,
    parentId: category.id,
  });
  const adapter = createDiscordAdapter({
    token: "fake-bot-token",
    apiBase: fake.apiBase,
    instructorRole: "Instructor",
    accounts: recordingAccounts(),
    tokens: options.tokens ?? memoryTokens(),
    catalog: { listCourses: async () => [] },
    logger: silentLogger,
    ...deps,
  });
  await adapter.start();
  return {
    fake,
    adapter,
    guild,
    general,
    learnerId,
    otherId,
    instructorId,
    instructorRoleId,
    at: (userId = learnerId, extra = {}) => ({
      userId,
      channelId: general.id,
      guildId: guild.id,
      ...extra,
    }),
    async settle(payload) {
      await fake.waitFor(() => fake.record(payload).callbacks.length > 0);
      await adapter.idle();
    },
    async close() {
      await adapter.stop();
      await fake.close();
    },
  };
}
