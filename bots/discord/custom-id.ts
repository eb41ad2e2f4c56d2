import type { ActionTokenStore } from "../../core/ports/accounts.js";

/** Discord's limit on a component custom_id and a select option value. */
export const CUSTOM_ID_LIMIT = 100;

/** Owner written into components anyone may use (messages posted to a course channel). */
export const ANYONE = "*";

/** Prefix of action payloads kept server-side behind an {@link ActionTokenStore} token. */
const TOKEN_MARK = "~";

/** Prefix of adapter-internal payloads (open a modal, a select menu), never sent to the core. */
export const INTERNAL_MARK = "#";

/** A decoded component custom_id: who may use it and what it does. */
export interface DecodedCustomId {
  /** Discord user id of the intended learner, or {@link ANYONE}. */
  owner: string;
  /** The payload: a core action id, or an internal payload starting with {@link INTERNAL_MARK}. */
  payload: string;
}

/**
 * Encodes `payload` for `owner` into a custom_id of at most 100 characters. A payload that does
 * not fit becomes a short token resolved on the way back, so long course slugs still work.
 */
export async function encodeCustomId(
  owner: string,
  payload: string,
  tokens: ActionTokenStore,
): Promise<string> {
  const direct = `${owner}|${payload}`;
  if (direct.length <= CUSTOM_ID_LIMIT && !payload.startsWith(TOKEN_MARK)) return direct;
  return `${owner}|${TOKEN_MARK}${await tokens.tokenFor(payload)}`;
}

/** Encodes a select option value (no owner: the menu's custom_id carries it). */
export async function encodeOptionValue(
  payload: string,
  tokens: ActionTokenStore,
): Promise<string> {
  if (payload.length <= CUSTOM_ID_LIMIT && !payload.startsWith(TOKEN_MARK)) return payload;
  return `${TOKEN_MARK}${await tokens.tokenFor(payload)}`;
}

/** Resolves a select option value; null when its token is unknown (an expired menu). */
export async function decodeOptionValue(
  value: string,
  tokens: ActionTokenStore,
): Promise<string | null> {
  if (!value.startsWith(TOKEN_MARK)) return value;
  return tokens.resolve(value.slice(TOKEN_MARK.length));
}

/** Decodes a custom_id; null when it is malformed or its token is unknown. */
export async function decodeCustomId(
  customId: string,
  tokens: ActionTokenStore,
): Promise<DecodedCustomId | null> {
  const bar = customId.indexOf("|");
  if (bar <= 0) return null;
  const owner = customId.slice(0, bar);
  const payload = await decodeOptionValue(customId.slice(bar + 1), tokens);
  return payload === null ? null : { owner, payload };
}
