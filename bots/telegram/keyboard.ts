/**
 * Inline keyboards (https://core.telegram.org/bots/api#inlinekeyboardmarkup): buttons carry the
 * action id as callback_data when it fits 64 UTF-8 bytes, otherwise a short server-side token.
 */
import type { Action } from "../../core/messages.js";
import type { ActionTokenStore } from "../../core/ports/accounts.js";

/** Most bytes Telegram accepts in callback_data. */
export const CALLBACK_DATA_LIMIT = 64;

/** Marks callback_data that is a token rather than an action id (ids never start with it). */
const TOKEN_MARK = "~";

/** One inline button as the Bot API takes it. */
export interface InlineButton {
  text: string;
  callback_data?: string;
  url?: string;
}

/** An inline keyboard: rows of buttons. */
export type InlineKeyboard = InlineButton[][];

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Shortens a label to `max` characters without cutting a grapheme (emoji, accents). */
export function shortenLabel(label: string, max = 60): string {
  const clean = label.replace(/\s+/g, " ").trim() || "…";
  if (clean.length <= max) return clean;
  let out = "";
  for (const { segment } of graphemes.segment(clean)) {
    if (out.length + segment.length > max - 1) break;
    out += segment;
  }
  return `${out}…`;
}

/** callback_data for an action: the id itself when it fits, else a stored token. */
export async function callbackDataFor(id: string, tokens: ActionTokenStore): Promise<string> {
  if (
    id !== "" &&
    Buffer.byteLength(id, "utf8") <= CALLBACK_DATA_LIMIT &&
    !id.startsWith(TOKEN_MARK)
  ) {
    return id;
  }
  return TOKEN_MARK + (await tokens.tokenFor(id));
}

/** The action id behind callback_data; null for an unknown or expired token. */
export async function actionFromCallbackData(
  data: string,
  tokens: ActionTokenStore,
): Promise<string | null> {
  if (!data.startsWith(TOKEN_MARK)) return data;
  return tokens.resolve(data.slice(TOKEN_MARK.length));
}

/**
 * Lays actions out in rows: one per row when `oneColumn` (answer options) or when labels are
 * long, otherwise two or three short labels side by side.
 */
export async function buildKeyboard(
  actions: Action[],
  tokens: ActionTokenStore,
  oneColumn = false,
): Promise<InlineKeyboard> {
  const buttons = await Promise.all(
    actions.map(async (action) => ({
      text: shortenLabel(action.label),
      callback_data: await callbackDataFor(action.id, tokens),
    })),
  );
  const longest = Math.max(0, ...buttons.map((button) => button.text.length));
  const perRow = oneColumn || longest > 24 ? 1 : longest > 12 ? 2 : 3;
  const rows: InlineKeyboard = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return rows;
}
