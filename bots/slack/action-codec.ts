import type { ActionTokenStore } from "../../core/ports/accounts.js";
import { BUTTON_VALUE_MAX } from "./limits.js";

/** Prefix of every StudyHall button's `action_id`; Bolt routes presses on it. */
export const ACTION_PREFIX = "studyhall.";

/** Marks a button value that holds a server-side token instead of the action itself. */
const TOKEN_MARK = "~";

/** The `action_id` of the n-th button of a message: short and unique within the message. */
export function buttonActionId(index: number): string {
  return `${ACTION_PREFIX}${index}`;
}

/**
 * Encodes a core action id as a button value. Ids longer than Slack's 2000-character value
 * (or starting with the token mark) are kept server-side behind a short token.
 */
export async function encodeActionValue(action: string, tokens: ActionTokenStore): Promise<string> {
  if (action.length <= BUTTON_VALUE_MAX && !action.startsWith(TOKEN_MARK)) return action;
  return `${TOKEN_MARK}${await tokens.tokenFor(action)}`;
}

/** Decodes a button value back into the core action id; null when its token is unknown. */
export async function decodeActionValue(
  value: string,
  tokens: ActionTokenStore,
): Promise<string | null> {
  if (!value.startsWith(TOKEN_MARK)) return value;
  return tokens.resolve(value.slice(TOKEN_MARK.length));
}
