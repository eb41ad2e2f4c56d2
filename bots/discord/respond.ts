import {
  type APIInteraction,
  type APIInteractionResponse,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  type REST,
  Routes,
} from "discord.js";
import type { Logger } from "../../core/logger.js";
import { inGuild } from "./inbound.js";
import type { MessageBody, RenderedMessage } from "./render.js";

/** Sends the first answer to an interaction: a REST callback (gateway) or the HTTP response. */
export type Respond = (response: APIInteractionResponse) => Promise<void>;

/** How long a turn may take before the interaction is deferred (Discord allows 3 s). */
export const DEFER_AFTER_MS = 2000;

/** Everything needed to answer one interaction. */
export interface Answering {
  interaction: APIInteraction;
  respond: Respond;
  rest: REST;
  log: Logger;
  /** Defer as ephemeral, because the command's answer is known to be personal. */
  personalHint: boolean;
  deferAfterMs: number;
}

const EPHEMERAL = MessageFlags.Ephemeral;

/** A component or a modal opened from one may update the message it belongs to. */
function hasSource(interaction: APIInteraction): boolean {
  return (
    interaction.type === InteractionType.MessageComponent ||
    (interaction.type === InteractionType.ModalSubmit && interaction.message !== undefined)
  );
}

function withFlags(body: MessageBody, personal: boolean, guild: boolean): MessageBody {
  return personal && guild ? { ...body, flags: EPHEMERAL } : body;
}

/** An edit that replaces the whole message, so old buttons disappear with the new text. */
function asUpdate(body: MessageBody): MessageBody {
  return {
    content: body.content ?? "",
    embeds: body.embeds ?? [],
    components: body.components ?? [],
    allowed_mentions: body.allowed_mentions,
  };
}

/**
 * Answers an interaction with the messages `work` produces. When `work` takes longer than the
 * deferral threshold, the interaction is deferred first and the messages follow, so Discord
 * never shows "This interaction failed". https://discord.com/developers/docs/interactions/receiving-and-responding
 */
export async function answerWith(
  answering: Answering,
  work: Promise<RenderedMessage[]>,
): Promise<void> {
  const timer = new Promise<"late">((resolve) => {
    const handle = setTimeout(() => resolve("late"), answering.deferAfterMs);
    void work.finally(() => clearTimeout(handle)).catch(() => {});
  });
  const first = await Promise.race([work, timer]);
  if (first !== "late") return sendImmediately(answering, first);

  const { interaction } = answering;
  const guild = inGuild(interaction);
  const source = hasSource(interaction);
  const ephemeral = answering.personalHint && guild && !source;
  await answering.respond(
    source
      ? { type: InteractionResponseType.DeferredMessageUpdate }
      : {
          type: InteractionResponseType.DeferredChannelMessageWithSource,
          data: ephemeral ? { flags: EPHEMERAL } : {},
        },
  );
  return sendDeferred(answering, await work, ephemeral);
}

async function sendImmediately(answering: Answering, messages: RenderedMessage[]): Promise<void> {
  const { interaction } = answering;
  const guild = inGuild(interaction);
  const [head, ...rest] = messages;
  if (!head) {
    // Nothing to say (an update seen before): acknowledge without a visible change.
    await answering.respond(
      hasSource(interaction)
        ? { type: InteractionResponseType.DeferredMessageUpdate }
        : {
            type: InteractionResponseType.ChannelMessageWithSource,
            data: { content: "Done.", flags: EPHEMERAL, allowed_mentions: { parse: [] } },
          },
    );
    return;
  }
  if (head.updatesSource && hasSource(interaction)) {
    await answering.respond({
      type: InteractionResponseType.UpdateMessage,
      data: asUpdate(head.body),
    });
  } else {
    await answering.respond({
      type: InteractionResponseType.ChannelMessageWithSource,
      data: withFlags(head.body, head.personal, guild),
    });
  }
  for (const message of rest) await followUp(answering, message, guild);
}

async function sendDeferred(
  answering: Answering,
  messages: RenderedMessage[],
  deferredEphemeral: boolean,
): Promise<void> {
  const { interaction } = answering;
  const guild = inGuild(interaction);
  let pending = messages;
  if (hasSource(interaction)) {
    const update = pending.find((message) => message.updatesSource);
    if (update) await editOriginal(answering, asUpdate(update.body));
    pending = pending.filter((message) => message !== update);
  } else {
    const [head, ...rest] = pending;
    const fits = head && (!guild || head.personal === deferredEphemeral);
    await editOriginal(
      answering,
      fits
        ? head.body
        : { content: head ? "Sent privately below." : "Done.", allowed_mentions: { parse: [] } },
    );
    pending = fits ? rest : pending;
  }
  for (const message of pending) await followUp(answering, message, guild);
}

async function editOriginal(answering: Answering, body: MessageBody): Promise<void> {
  const { interaction, rest } = answering;
  await rest.patch(Routes.webhookMessage(interaction.application_id, interaction.token), {
    body,
    auth: false,
  });
}

async function followUp(answering: Answering, message: RenderedMessage, guild: boolean) {
  const { interaction, rest } = answering;
  await rest.post(Routes.webhook(interaction.application_id, interaction.token), {
    body: withFlags(message.body, message.personal, guild),
    auth: false,
  });
}
