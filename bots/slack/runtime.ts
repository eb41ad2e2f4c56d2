import type { WebClient } from "@slack/web-api";
import type { ConversationHandler } from "../../core/conversation/router.js";
import type { Logger } from "../../core/logger.js";
import type { Reply, SenderRoles } from "../../core/messages.js";
import type { AccountStore, ActionTokenStore, UpdateLog } from "../../core/ports/accounts.js";
import type { RenderOptions } from "./block-kit.js";
import { deliverTurn, type TurnPlace } from "./deliver.js";
import type { HomeSource } from "./home-view.js";
import { createUserDirectory, type SlackProfile } from "./user-directory.js";

/** The Slack user behind an update. */
export interface SlackUser {
  id: string;
  /** Display name or handle, as the payload gives it. */
  name: string;
}

/** What the learner did in one turn. */
export interface TurnInput {
  text?: string;
  action?: string;
  /** Channel name, for a turn in a channel. */
  title?: string;
  /** Roles to use instead of those users.info reports. */
  roles?: SenderRoles;
}

/** Services shared by the Slack listeners. */
export interface SlackRuntime {
  client: WebClient;
  conversation: ConversationHandler;
  accounts: AccountStore;
  tokens: ActionTokenStore;
  home?: HomeSource;
  log: Logger;
  /** Rendering options with the current command names. */
  render(): RenderOptions;
  /** True the first time an update key is seen (Slack retries and replays are skipped). */
  firstSeen(key: string): Promise<boolean>;
  /** The learner's direct-message channel with the app. */
  dm(userId: string): Promise<string>;
  /** Real name and admin/instructor standing of a user (users.info and SLACK_INSTRUCTORS). */
  profile(userId: string): Promise<SlackProfile>;
  /** Where a turn started in `channel` answers. */
  place(userId: string, channel: string | undefined, triggerId?: string): Promise<TurnPlace>;
  /** Sends replies for a turn. */
  deliver(place: TurnPlace, replies: Reply[]): Promise<void>;
  /** Runs one learner turn through the core and returns the replies, without sending them. */
  turn(place: TurnPlace, user: SlackUser, input: TurnInput): Promise<Reply[]>;
  /** Runs one learner turn through the core and delivers the replies. */
  runTurn(place: TurnPlace, user: SlackUser, input: TurnInput): Promise<void>;
  /** Re-publishes the learner's Home tab when its content changed (set by the Home feature). */
  refreshHome(userId: string, force?: boolean): Promise<void>;
}

/** What {@link createRuntime} is built from. */
export interface RuntimeDeps {
  client: WebClient;
  conversation: ConversationHandler;
  accounts: AccountStore;
  updates: UpdateLog;
  tokens: ActionTokenStore;
  home?: HomeSource;
  instructors: readonly string[];
  log: Logger;
}

/** Builds the shared services; the Home feature replaces `refreshHome`. */
export function createRuntime(deps: RuntimeDeps): SlackRuntime {
  const users = createUserDirectory(deps.client, deps.instructors, deps.log);

  const runtime: SlackRuntime = {
    client: deps.client,
    conversation: deps.conversation,
    accounts: deps.accounts,
    tokens: deps.tokens,
    home: deps.home,
    log: deps.log,
    render: () => ({
      tokens: deps.tokens,
      commandNames: new Set(deps.conversation.commands().map((command) => command.name)),
    }),
    firstSeen: (key) => deps.updates.firstSeen("slack", key),
    dm: (userId) => users.dm(userId),
    profile: (userId) => users.profile(userId),
    async place(userId, channel, triggerId) {
      const dm = await runtime.dm(userId);
      const target = channel ?? dm;
      return { userId, channel: target, direct: target === dm, dm, triggerId };
    },
    deliver: (place, replies) =>
      deliverTurn({ client: deps.client, render: runtime.render(), log: deps.log }, place, replies),
    async turn(place, user, input) {
      const profile = await runtime.profile(user.id);
      return deps.conversation.handle({
        platform: "slack",
        userId: user.id,
        displayName: profile.realName ?? user.name,
        username: user.name,
        chat: {
          id: place.channel,
          kind: place.direct ? "direct" : "group",
          ...(input.title ? { title: input.title } : {}),
        },
        text: input.text,
        action: input.action,
        roles: input.roles ?? profile.roles,
      });
    },
    async runTurn(place, user, input) {
      await runtime.deliver(place, await runtime.turn(place, user, input));
      await runtime.refreshHome(user.id);
    },
    refreshHome: async () => {},
  };
  return runtime;
}
