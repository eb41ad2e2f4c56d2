import type { ActionsBlock, Button, KnownBlock, SectionBlock } from "@slack/types";
import type { Action, Link, Reply } from "../../core/messages.js";
import type { ActionTokenStore } from "../../core/ports/accounts.js";
import { parseMarkdown, plainText } from "../../core/text/markdown.js";
import { splitMessage } from "../../core/text/split.js";
import { buttonActionId, encodeActionValue } from "./action-codec.js";
import { slackCommandText } from "./command-words.js";
import {
  ACTIONS_PER_BLOCK_MAX,
  BUTTON_TEXT_MAX,
  FALLBACK_TEXT_MAX,
  MESSAGE_BLOCKS_MAX,
  SECTION_TEXT_MAX,
} from "./limits.js";
import { escapeMrkdwn, mrkdwnRenderer } from "./mrkdwn.js";

/** One Slack message: blocks plus the plain notification text Slack shows in alerts. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** What rendering needs besides the reply. */
export interface RenderOptions {
  /** Keeps button values over Slack's limit server-side. */
  tokens: ActionTokenStore;
  /** Core command names, so "/next" in a reply reads "/learn next". */
  commandNames: ReadonlySet<string>;
}

/** Cuts `text` to `max` characters (whole characters), ending with "…" when cut. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return `${chars.slice(0, max - 1).join("")}…`;
}

/** A mrkdwn section; `verbatim` stops Slack from turning bare names or URLs into mentions. */
export function section(text: string): SectionBlock {
  return { type: "section", text: { type: "mrkdwn", text, verbatim: true } };
}

/** The buttons of a reply: its actions, plus answer buttons for a choice question. */
function replyActions(reply: Reply): Action[] {
  const actions = [...(reply.actions ?? [])];
  const question = reply.question;
  if (!question || question.options.length === 0) return actions;
  const prefix = question.answerActionPrefix;
  if (actions.some((action) => action.id.startsWith(prefix))) return actions;
  const answers = question.options.map((option, i) => ({
    id: `${prefix}${i}`,
    label: `${String.fromCharCode(65 + i)}. ${option}`,
  }));
  return [...answers, ...actions];
}

/** The text of a reply, listing a choice question's options when the buttons are ours. */
function replyText(reply: Reply): string {
  const question = reply.question;
  if (!question || question.options.length === 0) return reply.text;
  const prefix = question.answerActionPrefix;
  if ((reply.actions ?? []).some((action) => action.id.startsWith(prefix))) return reply.text;
  const long = question.options.some((option) => option.length + 3 > BUTTON_TEXT_MAX);
  if (!long) return reply.text;
  const list = question.options.map((o, i) => `- ${String.fromCharCode(65 + i)}. ${o}`);
  return `${reply.text}\n\n${list.join("\n")}`;
}

async function buttonBlocks(
  actions: Action[],
  options: RenderOptions,
  firstIndex: number,
): Promise<ActionsBlock[]> {
  const buttons: Button[] = [];
  for (const [i, action] of actions.entries()) {
    const button: Button = {
      type: "button",
      action_id: buttonActionId(firstIndex + i),
      text: { type: "plain_text", text: truncate(action.label, BUTTON_TEXT_MAX), emoji: true },
      value: await encodeActionValue(action.id, options.tokens),
    };
    if (action.style) button.style = action.style;
    buttons.push(button);
  }
  const blocks: ActionsBlock[] = [];
  for (let i = 0; i < buttons.length; i += ACTIONS_PER_BLOCK_MAX) {
    blocks.push({ type: "actions", elements: buttons.slice(i, i + ACTIONS_PER_BLOCK_MAX) });
  }
  return blocks;
}

function linkSections(links: Link[]): SectionBlock[] {
  if (links.length === 0) return [];
  // Written as Markdown-lite so that the same renderer escapes and splits them.
  const lines = links.map((link) => {
    const label = link.label.replace(/\[/g, "(").replace(/\]/g, ")");
    const url = link.url.replace(
      /[()\s]/g,
      (ch) => `%${ch.charCodeAt(0).toString(16).padStart(2, "0")}`,
    );
    return `- [${label}](${url})`;
  });
  return splitMessage(lines.join("\n"), mrkdwnRenderer, SECTION_TEXT_MAX).map(section);
}

/** A short plain notification text for a message (what Slack shows in alerts). */
export function fallbackText(markdown: string): string {
  const plain = parseMarkdown(markdown)
    .map((block) =>
      block.kind === "code"
        ? block.text
        : "inlines" in block
          ? plainText(block.inlines)
          : block.items.map(plainText).join(" "),
    )
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
  return escapeMrkdwn(truncate(plain, FALLBACK_TEXT_MAX));
}

/**
 * Renders one reply as Slack messages: text split into sections of at most 3000 characters,
 * links, then buttons; more than 50 blocks continue in further messages.
 */
export async function renderReply(reply: Reply, options: RenderOptions): Promise<SlackMessage[]> {
  const text = slackCommandText(replyText(reply), options.commandNames);
  const sections =
    text.trim() === "" ? [] : splitMessage(text, mrkdwnRenderer, SECTION_TEXT_MAX).map(section);
  const blocks: KnownBlock[] = [
    ...sections,
    ...linkSections(reply.links ?? []),
    ...(await buttonBlocks(replyActions(reply), options, 0)),
  ];
  if (blocks.length === 0) return [];
  const fallback = fallbackText(text) || "StudyHall";
  const messages: SlackMessage[] = [];
  for (let i = 0; i < blocks.length; i += MESSAGE_BLOCKS_MAX) {
    messages.push({ text: fallback, blocks: blocks.slice(i, i + MESSAGE_BLOCKS_MAX) });
  }
  return messages;
}
