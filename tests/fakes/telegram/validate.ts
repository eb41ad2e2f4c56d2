/**
 * Request checks of the fake Bot API, worded like Telegram's own "Bad Request" answers
 * (https://core.telegram.org/bots/api). Each returns the error description or the parsed value.
 */
import { type ParsedEntity, parseTelegramHtml } from "./parse-html.js";

/** A Bot API failure: the HTTP status doubles as `error_code`. */
export class ApiFailure extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number },
  ) {
    super(description);
  }
}

const bad = (description: string) => new ApiFailure(400, `Bad Request: ${description}`);

/** Visible text and entities of a message body after `parse_mode`. */
export interface MessageBody {
  text: string;
  entities: ParsedEntity[];
}

/** Parses `text` with the given parse mode and checks the 1..4096 character limit. */
export function checkMessageText(text: unknown, parseMode: unknown, limit = 4096): MessageBody {
  if (typeof text !== "string") throw bad("message text is empty");
  const body = parseBody(text, parseMode);
  const visible = body.text.trim();
  if (visible.length === 0) throw bad("message text is empty");
  if (body.text.length > limit) throw bad("message is too long");
  return body;
}

/** Parses a body with the parse mode; only HTML and plain text are supported by the fake. */
export function parseBody(text: string, parseMode: unknown): MessageBody {
  if (parseMode === undefined || parseMode === null || parseMode === "") {
    return { text, entities: [] };
  }
  if (parseMode !== "HTML") throw bad(`unsupported parse_mode "${String(parseMode)}" in the fake`);
  const parsed = parseTelegramHtml(text);
  if (!parsed.ok) throw new ApiFailure(400, parsed.error);
  return { text: parsed.text, entities: parsed.entities };
}

/** An inline keyboard button as sent. */
export interface InlineButton {
  text: string;
  callback_data?: string;
  url?: string;
}

/** Checks `reply_markup`: inline keyboards (text, callback_data bytes, URLs) or force_reply. */
export function checkReplyMarkup(markup: unknown): void {
  if (markup === undefined || markup === null) return;
  const value = typeof markup === "string" ? (JSON.parse(markup) as unknown) : markup;
  if (typeof value !== "object" || value === null) throw bad("can't parse reply keyboard markup");
  const record = value as Record<string, unknown>;
  if ("force_reply" in record) {
    const placeholder = record.input_field_placeholder;
    if (typeof placeholder === "string" && placeholder.length > 64) {
      throw bad("input field placeholder is too long");
    }
    return;
  }
  const rows = record.inline_keyboard;
  if (!Array.isArray(rows)) throw bad("can't parse inline keyboard markup");
  for (const row of rows) {
    if (!Array.isArray(row))
      throw bad('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays');
    for (const button of row as InlineButton[]) checkButton(button);
  }
}

function checkButton(button: InlineButton): void {
  if (typeof button.text !== "string" || button.text.trim() === "") {
    throw bad("text buttons are unallowed in the inline keyboard");
  }
  if (button.callback_data !== undefined) {
    const bytes = Buffer.byteLength(String(button.callback_data), "utf8");
    if (bytes < 1 || bytes > 64) throw bad("BUTTON_DATA_INVALID");
    return;
  }
  if (button.url !== undefined) {
    const url = String(button.url);
    if (!/^(https?|tg):\/\//.test(url) || /\/\/(localhost|127\.)/.test(url)) {
      throw bad(`inline keyboard button URL '${url}' is invalid: Wrong HTTP URL`);
    }
    return;
  }
  throw bad('can\'t find field "callback_data" or "url" in the inline keyboard button');
}

/** A quiz or regular poll as sent with sendPoll. */
export interface PollRequest {
  question: string;
  options: string[];
  type: string;
  isAnonymous: boolean;
  correctOptionId?: number;
  explanation?: string;
}

/** Checks sendPoll the way Telegram does: 2..10 options of 1..100 characters, question 1..300. */
export function checkPoll(params: Record<string, unknown>): PollRequest {
  const question = String(params.question ?? "");
  if (question.trim() === "") throw bad("poll question must be non-empty");
  if (question.length > 300) throw bad("poll question length must not exceed 300");
  const raw = typeof params.options === "string" ? JSON.parse(params.options) : params.options;
  if (!Array.isArray(raw)) throw bad('field "options" must be an Array');
  const options = raw.map((option: unknown) =>
    typeof option === "object" && option !== null
      ? String((option as { text: unknown }).text)
      : String(option),
  );
  if (options.length < 2) throw bad("poll must have at least 2 option");
  if (options.length > 10) throw bad("poll can't have more than 10 options");
  for (const option of options) {
    if (option.trim() === "") throw bad("poll options must be non-empty");
    if (option.length > 100) throw bad("poll options length must not exceed 100");
  }
  const type = String(params.type ?? "regular");
  const isAnonymous =
    params.is_anonymous === undefined
      ? true
      : params.is_anonymous === true || params.is_anonymous === "true";
  const correct =
    params.correct_option_id === undefined ? undefined : Number(params.correct_option_id);
  if (type === "quiz" && (correct === undefined || !(correct >= 0 && correct < options.length))) {
    throw bad("wrong correct option ID specified");
  }
  let explanation: string | undefined;
  if (params.explanation !== undefined) {
    explanation = parseBody(String(params.explanation), params.explanation_parse_mode).text;
    if (explanation.length > 200) throw bad("explanation is too long");
    if ((explanation.match(/\n/g) ?? []).length > 2)
      throw bad("explanation can't contain more than 2 line feeds");
  }
  return { question, options, type, isAnonymous, correctOptionId: correct, explanation };
}

/** Checks a bot command list for setMyCommands. */
export function checkCommands(raw: unknown): Array<{ command: string; description: string }> {
  const commands = typeof raw === "string" ? JSON.parse(raw) : raw;
  if (!Array.isArray(commands)) throw bad('field "commands" must be an Array');
  if (commands.length > 100) throw bad("too many commands");
  for (const { command, description } of commands as Array<Record<string, unknown>>) {
    if (typeof command !== "string" || !/^[a-z0-9_]{1,32}$/.test(command))
      throw bad("BOT_COMMAND_INVALID");
    if (typeof description !== "string" || description.length < 1 || description.length > 256) {
      throw bad("command description must be 1-256 characters");
    }
  }
  return commands as Array<{ command: string; description: string }>;
}
