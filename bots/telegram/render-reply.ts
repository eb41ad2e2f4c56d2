/**
 * Turns one platform-neutral Reply into the Telegram messages that show it: HTML text split at
 * 4096 characters, an inline keyboard on the last piece, a native quiz poll when the question
 * fits Telegram's poll limits, force_reply when the bot waits for typed text.
 */
import type { Action, Link, QuestionView, Reply } from "../../core/messages.js";
import type { ActionTokenStore } from "../../core/ports/accounts.js";
import { parseInline, plainText } from "../../core/text/markdown.js";
import { escapeHtml, renderTelegramMessages } from "./html-renderer.js";
import { buildKeyboard, type InlineKeyboard, shortenLabel } from "./keyboard.js";

/** Telegram's quiz poll limits (https://core.telegram.org/bots/api#sendpoll). */
export const POLL_LIMITS = {
  minOptions: 2,
  maxOptions: 10,
  option: 100,
  question: 300,
  explanation: 200,
};

/** A text message to send (or to put in place of the pressed message). */
export interface OutgoingText {
  kind: "text";
  html: string;
  keyboard?: InlineKeyboard;
  forceReply?: { placeholder: string };
}

/** A native quiz poll. */
export interface OutgoingPoll {
  kind: "poll";
  question: string;
  options: string[];
  correctOptionId: number;
  explanation?: string;
  keyboard?: InlineKeyboard;
  answerActionPrefix: string;
}

/** One Bot API message produced from a Reply. */
export type Outgoing = OutgoingText | OutgoingPoll;

/** True when `question` can be a Telegram quiz poll: one correct option, all within limits. */
export function fitsQuizPoll(question: QuestionView): boolean {
  const { options, correctOptions, prompt, explanation } = question;
  return (
    (question.type === "single" || question.type === "truefalse") &&
    correctOptions.length === 1 &&
    options.length >= POLL_LIMITS.minOptions &&
    options.length <= POLL_LIMITS.maxOptions &&
    options.every((option) => option.trim() !== "" && option.length <= POLL_LIMITS.option) &&
    prompt.trim() !== "" &&
    prompt.length <= POLL_LIMITS.question &&
    explanation.length <= POLL_LIMITS.explanation &&
    (explanation.match(/\n/g) ?? []).length <= 2
  );
}

/** Renders `reply` into the messages to send, in order. */
export async function renderReply(reply: Reply, tokens: ActionTokenStore): Promise<Outgoing[]> {
  const question = reply.question && fitsQuizPoll(reply.question) ? reply.question : undefined;
  const actions = reply.actions ?? [];
  if (question) return renderAsPoll(reply, question, actions, tokens);

  const answers = reply.question ? isAnswerOf(reply.question) : () => false;
  const keyboard = actions.length
    ? await buildKeyboard(actions, tokens, actions.some(answers))
    : undefined;
  const pieces = renderTelegramMessages(withLinks(reply.text, reply.links));
  if (pieces.length === 0) pieces.push(escapeHtml(reply.question?.prompt || "…"));
  const messages: OutgoingText[] = pieces.map((html) => ({ kind: "text", html }));
  const last = messages[messages.length - 1]!;
  if (keyboard) last.keyboard = keyboard;
  if (reply.expectsText) {
    const placeholder = shortenLabel(reply.expectsText.placeholder ?? reply.expectsText.label, 64);
    // force_reply and an inline keyboard cannot share a message: then the label says it.
    if (keyboard) last.html += `\n\n<i>${escapeHtml(reply.expectsText.label)}</i>`;
    else last.forceReply = { placeholder };
  }
  return messages;
}

async function renderAsPoll(
  reply: Reply,
  question: QuestionView,
  actions: Action[],
  tokens: ActionTokenStore,
): Promise<Outgoing[]> {
  const others = actions.filter((action) => !isAnswerOf(question)(action));
  // The poll shows the prompt and the options; a heading before the prompt ("question 2 of 5")
  // joins the poll's question when it fits, else it goes first as a message of its own.
  const at = reply.text.indexOf(question.prompt);
  const heading = at > 0 ? plainText(parseInline(reply.text.slice(0, at).trim())) : "";
  const prompt = question.prompt.trim();
  const merged = heading ? `${heading}\n\n${prompt}` : prompt;
  const fits = merged.length <= POLL_LIMITS.question;
  const poll: OutgoingPoll = {
    kind: "poll",
    question: fits ? merged : prompt,
    options: question.options.map((option) => option.trim()),
    correctOptionId: question.correctOptions[0]!,
    answerActionPrefix: question.answerActionPrefix,
  };
  if (question.explanation.trim()) poll.explanation = question.explanation.trim();
  if (others.length) poll.keyboard = await buildKeyboard(others, tokens);
  const intro = heading && !fits ? renderTelegramMessages(heading) : [];
  return [...intro.map((html): OutgoingText => ({ kind: "text", html })), poll];
}

function isAnswerOf(question: QuestionView): (action: Action) => boolean {
  return (action) => action.id.startsWith(question.answerActionPrefix);
}

/** Appends links as Markdown-lite lines, so they are escaped and split like the text. */
function withLinks(text: string, links: Link[] | undefined): string {
  if (!links?.length) return text;
  const lines = links.map((link) => {
    const label = link.label.replace(/[[\]\n]/g, " ").trim() || link.url;
    return /[\s)]/.test(link.url) ? `${label}: ${link.url}` : `[${label}](${link.url})`;
  });
  return `${text}\n\n${lines.join("\n\n")}`;
}
