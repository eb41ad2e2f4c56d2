import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIStringSelectComponent,
  ButtonStyle,
  ComponentType,
} from "discord.js";
import type { Action, Link, Reply } from "../../core/messages.js";
import type { ActionTokenStore } from "../../core/ports/accounts.js";
import { splitMessage } from "../../core/text/split.js";
import { encodeCustomId, encodeOptionValue, INTERNAL_MARK } from "./custom-id.js";
import { discordMarkdown, escapeDiscord } from "./markdown.js";

/** Discord's message limits (https://discord.com/developers/docs/resources/message). */
export const LIMITS = {
  content: 2000,
  embedDescription: 4096,
  embedTotal: 6000,
  embedsPerMessage: 10,
  rows: 5,
  buttonsPerRow: 5,
  selectOptions: 25,
  buttonLabel: 80,
  optionLabel: 100,
} as const;

/** A component row as sent to Discord. */
export type ComponentRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** The body of one Discord message, ready for REST or an interaction callback. */
export interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: ComponentRow[];
  allowed_mentions: { parse: [] };
  flags?: number;
}

/** One rendered message and how the core wanted it delivered. */
export interface RenderedMessage {
  body: MessageBody;
  /** Ephemeral when answered to an interaction. */
  personal: boolean;
  /** Replaces the message whose component was used. */
  updatesSource: boolean;
}

/** Prefix of the internal payload of a "write your answer" button that opens a modal. */
export const MODAL_PAYLOAD = `${INTERNAL_MARK}modal:`;

const EMBED_COLOR = 0x3b82f6;
const NO_MENTIONS = { parse: [] as [] };

/**
 * Renders core replies as Discord messages within every limit: text over 2000 characters
 * becomes embeds (4096 per description, 6000 per message), at most 25 buttons go in 5 rows of 5,
 * more choices become 25-option select menus, and `owner` is written into every custom_id.
 */
export async function renderReplies(
  replies: Reply[],
  owner: string,
  tokens: ActionTokenStore,
): Promise<RenderedMessage[]> {
  const out: RenderedMessage[] = [];
  for (const reply of replies) out.push(...(await renderReply(reply, owner, tokens)));
  return out;
}

async function renderReply(
  reply: Reply,
  owner: string,
  tokens: ActionTokenStore,
): Promise<RenderedMessage[]> {
  const choices = await buildChoices(reply, owner, tokens);
  const bodies = textBodies(reply.text, choices.overflowLinks);
  const extra = choices.extraRows.map((rows, index) => ({
    content: `More choices (${index + 2}/${choices.extraRows.length + 1}).`,
    components: rows,
    allowed_mentions: NO_MENTIONS,
  }));
  const last = bodies[bodies.length - 1]!;
  if (choices.rows.length > 0) last.components = choices.rows;
  return [...bodies, ...extra].map((body) => ({
    body,
    personal: reply.personal === true,
    updatesSource: reply.updatesSource === true,
  }));
}

/** Plain content when the text fits 2000 characters, embeds otherwise. */
function textBodies(text: string, overflowLinks: Link[]): MessageBody[] {
  const linkLines = overflowLinks.map((link) => `- [${link.label}](${link.url})`).join("\n");
  const full = linkLines ? `${text}\n\n${linkLines}` : text;
  const asContent = splitMessage(full, discordMarkdown, LIMITS.content);
  if (asContent.length === 1) {
    return [{ content: asContent[0] || "\u200b", allowed_mentions: NO_MENTIONS }];
  }
  const pieces = splitMessage(full, discordMarkdown, LIMITS.embedDescription);
  const bodies: MessageBody[] = [];
  let embeds: APIEmbed[] = [];
  let total = 0;
  for (const description of pieces) {
    const full = embeds.length >= LIMITS.embedsPerMessage;
    if (embeds.length > 0 && (full || total + description.length > LIMITS.embedTotal)) {
      bodies.push({ embeds, allowed_mentions: NO_MENTIONS });
      embeds = [];
      total = 0;
    }
    embeds.push({ description, color: EMBED_COLOR });
    total += description.length;
  }
  bodies.push({ embeds, allowed_mentions: NO_MENTIONS });
  return bodies;
}

interface Choices {
  rows: ComponentRow[];
  /** Rows that did not fit the first message, one entry per extra message. */
  extraRows: ComponentRow[][];
  /** Links without room for a link button; written into the text instead. */
  overflowLinks: Link[];
}

async function buildChoices(
  reply: Reply,
  owner: string,
  tokens: ActionTokenStore,
): Promise<Choices> {
  const actions = reply.actions ?? [];
  const buttons: APIButtonComponent[] = [];
  let selectRows: ComponentRow[] = [];
  const needed = actions.length + (reply.expectsText ? 1 : 0);
  if (needed <= LIMITS.rows * LIMITS.buttonsPerRow) {
    for (const action of actions) buttons.push(await actionButton(action, owner, tokens));
  } else {
    selectRows = await selectMenus(actions, owner, tokens);
  }
  if (reply.expectsText) buttons.push(await modalButton(reply.expectsText, owner, tokens));
  const links = reply.links ?? [];
  const room = LIMITS.rows * LIMITS.buttonsPerRow - buttons.length - selectRows.length * 5;
  const linkButtons = links.slice(0, Math.max(0, room)).map(linkButton);
  const buttonRows = chunk([...buttons, ...linkButtons], LIMITS.buttonsPerRow).map(row);
  const allRows = [...selectRows, ...buttonRows];
  return {
    rows: allRows.slice(0, LIMITS.rows),
    extraRows: chunk(allRows.slice(LIMITS.rows), LIMITS.rows),
    overflowLinks: links.slice(linkButtons.length),
  };
}

async function actionButton(
  action: Action,
  owner: string,
  tokens: ActionTokenStore,
): Promise<APIButtonComponent> {
  const style =
    action.style === "primary"
      ? ButtonStyle.Primary
      : action.style === "danger"
        ? ButtonStyle.Danger
        : ButtonStyle.Secondary;
  return {
    type: ComponentType.Button,
    style,
    label: truncate(action.label, LIMITS.buttonLabel),
    custom_id: await encodeCustomId(owner, action.id, tokens),
  };
}

async function modalButton(
  expects: NonNullable<Reply["expectsText"]>,
  owner: string,
  tokens: ActionTokenStore,
): Promise<APIButtonComponent> {
  const payload = MODAL_PAYLOAD + JSON.stringify([expects.label, expects.placeholder ?? ""]);
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Primary,
    label: truncate(`Write: ${expects.label}`, LIMITS.buttonLabel),
    custom_id: await encodeCustomId(owner, payload, tokens),
  };
}

function linkButton(link: Link): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Link,
    label: truncate(link.label, LIMITS.buttonLabel),
    url: link.url,
  };
}

/** Select menus of 25 options each; menu i's custom_id names the owner and its index. */
async function selectMenus(
  actions: Action[],
  owner: string,
  tokens: ActionTokenStore,
): Promise<ComponentRow[]> {
  const groups = chunk(actions, LIMITS.selectOptions);
  const rows: ComponentRow[] = [];
  for (const [index, group] of groups.entries()) {
    const first = index * LIMITS.selectOptions + 1;
    const menu: APIStringSelectComponent = {
      type: ComponentType.StringSelect,
      custom_id: await encodeCustomId(owner, `${INTERNAL_MARK}select:${index}`, tokens),
      placeholder: `Choose (${first}-${first + group.length - 1} of ${actions.length})`,
      options: await Promise.all(
        group.map(async (action) => ({
          label: truncate(action.label, LIMITS.optionLabel),
          value: await encodeOptionValue(action.id, tokens),
        })),
      ),
    };
    rows.push(row(menu));
  }
  return rows;
}

function row(
  components: APIComponentInMessageActionRow | APIComponentInMessageActionRow[],
): ComponentRow {
  return {
    type: ComponentType.ActionRow,
    components: Array.isArray(components) ? components : [components],
  };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Cuts `text` to `limit` characters with an ellipsis, never inside a surrogate pair. */
export function truncate(text: string, limit: number): string {
  const chars = [...text];
  if (chars.length <= limit) return text || "-";
  return `${chars.slice(0, limit - 1).join("")}…`;
}

/** Plain escaped text of a notice the adapter writes itself (not from the core). */
export function noticeBody(text: string, ephemeral: boolean): MessageBody {
  return {
    content: escapeDiscord(text),
    allowed_mentions: NO_MENTIONS,
    ...(ephemeral ? { flags: 64 } : {}),
  };
}
