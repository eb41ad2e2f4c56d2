import { type FakeState, snowflake } from "./state.js";

/** Who interacts and where: a user in a guild channel, or in a DM when `guildId` is absent. */
export interface InteractionPlace {
  userId: string;
  channelId: string;
  guildId?: string;
  /** Role ids of the member (guild only). */
  roles?: string[];
  /** The member's permission bits in the channel, as Discord's decimal string. */
  permissions?: string;
}

/** A slash command option as Discord sends it. */
export interface CommandOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: CommandOption[];
}

/** An interaction payload plus the token the fake will accept its callback with. */
export type InteractionPayload = Record<string, unknown> & { id: string; token: string };

function base(state: FakeState, place: InteractionPlace, type: number): InteractionPayload {
  const user = state.userPayload(place.userId);
  const channel = state.channels.get(place.channelId);
  const who = place.guildId
    ? {
        guild_id: place.guildId,
        member: {
          user,
          roles: place.roles ?? [],
          permissions: place.permissions ?? "1024",
          joined_at: new Date().toISOString(),
          deaf: false,
          mute: false,
          flags: 0,
        },
      }
    : { user };
  return {
    id: snowflake(),
    application_id: state.applicationId,
    type,
    token: `itoken-${snowflake()}`,
    version: 1,
    channel_id: place.channelId,
    channel: channel ? state.channelPayload(channel) : { id: place.channelId, type: 0 },
    app_permissions: "2248473465835073",
    locale: "en-US",
    guild_locale: "en-US",
    entitlements: [],
    authorizing_integration_owners: { "0": place.guildId ?? "0" },
    context: place.guildId ? 0 : 1,
    ...who,
  };
}

/** A slash command (type 2) interaction. */
export function commandInteraction(
  state: FakeState,
  place: InteractionPlace,
  name: string,
  options: CommandOption[] = [],
): InteractionPayload {
  return {
    ...base(state, place, 2),
    data: { id: snowflake(), name, type: 1, options, guild_id: place.guildId },
  };
}

/** An autocomplete (type 4) interaction with `focused` set on one option. */
export function autocompleteInteraction(
  state: FakeState,
  place: InteractionPlace,
  name: string,
  options: CommandOption[],
): InteractionPayload {
  return { ...base(state, place, 4), data: { id: snowflake(), name, type: 1, options } };
}

/** A button or select press (type 3) on `message`. */
export function componentInteraction(
  state: FakeState,
  place: InteractionPlace,
  message: Record<string, unknown>,
  customId: string,
  values?: string[],
): InteractionPayload {
  const data = values
    ? { custom_id: customId, component_type: 3, values }
    : { custom_id: customId, component_type: 2 };
  return { ...base(state, place, 3), message, data };
}

/** A modal submission (type 5) with one text input value per custom_id. */
export function modalInteraction(
  state: FakeState,
  place: InteractionPlace,
  customId: string,
  fields: Record<string, string>,
): InteractionPayload {
  const components = Object.entries(fields).map(([id, value]) => ({
    type: 1,
    components: [{ type: 4, custom_id: id, value }],
  }));
  return { ...base(state, place, 5), data: { custom_id: customId, components } };
}
