import {
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
  type APIMessageComponentInteraction,
  type APIModalSubmitInteraction,
  ApplicationCommandType,
  ComponentType,
  InteractionResponseType,
  InteractionType,
  type REST,
  Routes,
  TextInputStyle,
} from "discord.js";
import type { ConversationHandler } from "../../core/conversation/router.js";
import type { Logger } from "../../core/logger.js";
import type { Reply, SenderRoles } from "../../core/messages.js";
import type { ActionTokenStore } from "../../core/ports/accounts.js";
import {
  ANYONE,
  decodeCustomId,
  decodeOptionValue,
  encodeCustomId,
  INTERNAL_MARK,
} from "./custom-id.js";
import { interactionUser, senderRoles, toInbound } from "./inbound.js";
import { MODAL_PAYLOAD, noticeBody, renderReplies, truncate } from "./render.js";
import { answerWith, DEFER_AFTER_MS, type Respond } from "./respond.js";
import { commandText, PERSONAL_COMMANDS, subcommand } from "./slash-commands.js";

/** A Discord-specific command flow (study threads, scheduled events) run instead of the core's. */
export interface CommandFlow {
  /** True when this flow answers the command. */
  handles(interaction: APIChatInputApplicationCommandInteraction): boolean;
  /** Answers the command; may call the core itself. */
  run(interaction: APIChatInputApplicationCommandInteraction, roles: SenderRoles): Promise<Reply[]>;
  /** Called after the core handled a button or text; keeps Discord in step (thread members). */
  afterTurn?(
    interaction: APIInteraction,
    inbound: { text?: string; action?: string },
  ): Promise<void>;
}

/** Dependencies of {@link createInteractionHandler}. */
export interface InteractionDeps {
  conversation: ConversationHandler;
  tokens: ActionTokenStore;
  /** REST client; interaction callbacks and webhooks are sent without the bot token. */
  rest: REST;
  logger: Logger;
  /** Courses for slug autocompletion. */
  listCourses(): Promise<Array<{ slug: string; title: string }>>;
  /** Autocompletion of other options (study groups), by option name. */
  choices?(option: string, query: string, interaction: APIInteraction): Promise<Choice[]>;
  /** Ids of the instructor role in a guild (DISCORD_INSTRUCTOR_ROLE). */
  instructorRoles(guildId: string): Promise<string[]>;
  flows?: CommandFlow[];
  deferAfterMs?: number;
}

/** An autocomplete choice. */
export interface Choice {
  name: string;
  value: string;
}

/** Handles raw interactions from the gateway or the HTTP endpoint the same way. */
export interface InteractionHandler {
  /** Handles one interaction; `respond` sends its first answer. Never throws. */
  handle(interaction: APIInteraction, respond: Respond): Promise<void>;
  /** Resolves when every interaction being handled has been answered. */
  idle(): Promise<void>;
}

const NOT_YOURS =
  "This is not your quiz: these buttons belong to another learner, so nothing changed. Send /quiz or /next to get your own.";
const EXPIRED = "That button has expired. Send /help to see what you can do.";
const EMPTY_ANSWER =
  "Your answer was empty, so nothing was recorded. Press the button again and type your answer in the box.";
const ANSWER_FIELD = "answer";
const FAILED = "Something went wrong on our side while answering. Please try again in a moment.";

/** Builds the interaction handler shared by the gateway adapter and the HTTP endpoint. */
export function createInteractionHandler(deps: InteractionDeps): InteractionHandler {
  const inflight = new Set<Promise<void>>();
  const deferAfterMs = deps.deferAfterMs ?? DEFER_AFTER_MS;

  async function roles(interaction: APIInteraction): Promise<SenderRoles> {
    const ids = interaction.guild_id ? await deps.instructorRoles(interaction.guild_id) : [];
    return senderRoles(interaction, ids);
  }

  async function notice(respond: Respond, text: string): Promise<void> {
    await respond({
      type: InteractionResponseType.ChannelMessageWithSource,
      data: noticeBody(text, true),
    });
  }

  /** Runs one core turn and answers with its replies, deferring when it is slow. */
  async function turn(
    interaction: APIInteraction,
    respond: Respond,
    part: { text?: string; action?: string; run?: (sender: SenderRoles) => Promise<Reply[]> },
    personalHint = false,
  ): Promise<void> {
    const log = deps.logger.child({ platform: "discord", interaction: interaction.id });
    const owner = interactionUser(interaction).id;
    const work = (async () => {
      const sender = await roles(interaction);
      const inbound = toInbound(interaction, { text: part.text, action: part.action }, sender);
      const replies = await (part.run ? part.run(sender) : deps.conversation.handle(inbound));
      const rendered = await renderReplies(replies, owner, deps.tokens);
      for (const flow of deps.flows ?? []) await flow.afterTurn?.(interaction, part);
      return rendered;
    })();
    await answerWith(
      { interaction, respond, rest: deps.rest, log, personalHint, deferAfterMs },
      work,
    );
  }

  async function command(interaction: APIChatInputApplicationCommandInteraction, respond: Respond) {
    const { name, options } = interaction.data;
    const personal = isPersonal(name, options);
    const flow = (deps.flows ?? []).find((candidate) => candidate.handles(interaction));
    if (flow) {
      return turn(
        interaction,
        respond,
        { run: (sender) => flow.run(interaction, sender) },
        personal,
      );
    }
    return turn(interaction, respond, { text: commandText(name, options) }, personal);
  }

  async function component(interaction: APIMessageComponentInteraction, respond: Respond) {
    const decoded = await decodeCustomId(interaction.data.custom_id, deps.tokens);
    if (!decoded) return notice(respond, EXPIRED);
    if (decoded.owner !== ANYONE && decoded.owner !== interactionUser(interaction).id) {
      return notice(respond, NOT_YOURS);
    }
    if (decoded.payload.startsWith(MODAL_PAYLOAD)) return openModal(respond, decoded);
    let action = decoded.payload;
    if (action.startsWith(`${INTERNAL_MARK}select:`)) {
      const values =
        interaction.data.component_type === ComponentType.StringSelect
          ? interaction.data.values
          : [];
      const chosen = values[0] ? await decodeOptionValue(values[0], deps.tokens) : null;
      if (!chosen) return notice(respond, EXPIRED);
      action = chosen;
    }
    return turn(interaction, respond, { action });
  }

  async function openModal(respond: Respond, decoded: { owner: string; payload: string }) {
    const [label = "Your answer", placeholder = ""] = JSON.parse(
      decoded.payload.slice(MODAL_PAYLOAD.length),
    ) as string[];
    await respond({
      type: InteractionResponseType.Modal,
      data: {
        custom_id: await encodeCustomId(
          decoded.owner,
          `${INTERNAL_MARK}${ANSWER_FIELD}`,
          deps.tokens,
        ),
        title: truncate(label, 45),
        components: [
          {
            type: ComponentType.ActionRow,
            components: [
              {
                type: ComponentType.TextInput,
                custom_id: ANSWER_FIELD,
                style: TextInputStyle.Paragraph,
                label: truncate(label, 45),
                ...(placeholder ? { placeholder: truncate(placeholder, 100) } : {}),
                required: true,
                max_length: 4000,
              },
            ],
          },
        ],
      },
    });
  }

  async function modal(interaction: APIModalSubmitInteraction, respond: Respond) {
    const decoded = await decodeCustomId(interaction.data.custom_id, deps.tokens);
    if (!decoded) return notice(respond, EXPIRED);
    if (decoded.owner !== ANYONE && decoded.owner !== interactionUser(interaction).id) {
      return notice(respond, NOT_YOURS);
    }
    const fields = interaction.data.components.flatMap((row) =>
      "components" in row ? row.components : [],
    );
    const field = fields.find((input) => "custom_id" in input && input.custom_id === ANSWER_FIELD);
    const text = field && "value" in field ? String(field.value) : "";
    if (text.trim() === "") return notice(respond, EMPTY_ANSWER);
    return turn(interaction, respond, { text });
  }

  async function autocomplete(
    interaction: APIApplicationCommandAutocompleteInteraction,
    respond: Respond,
  ) {
    const focused = findFocused(interaction.data.options);
    const query = String(focused?.value ?? "").toLowerCase();
    let choices: Choice[] = [];
    if (focused?.name === "course") {
      const courses = await deps.listCourses();
      choices = rankCourses(courses, query).map((course) => ({
        name: truncate(`${course.title} (${course.slug})`, 100),
        value: course.slug,
      }));
    } else if (focused && deps.choices) {
      choices = await deps.choices(focused.name, query, interaction);
    }
    await respond({
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices: choices.slice(0, 25) },
    });
  }

  /** Tells the learner something failed: as the first answer, or as a follow-up after it. */
  async function apologise(interaction: APIInteraction, respond: Respond | null): Promise<void> {
    if (interaction.type === InteractionType.Ping) return;
    if (respond && interaction.type === InteractionType.ApplicationCommandAutocomplete) {
      return respond({
        type: InteractionResponseType.ApplicationCommandAutocompleteResult,
        data: { choices: [] },
      });
    }
    if (respond) return notice(respond, FAILED);
    await deps.rest.post(Routes.webhook(interaction.application_id, interaction.token), {
      body: noticeBody(FAILED, true),
      auth: false,
    });
  }

  async function dispatch(interaction: APIInteraction, respond: Respond): Promise<void> {
    switch (interaction.type) {
      case InteractionType.Ping:
        return respond({ type: InteractionResponseType.Pong });
      case InteractionType.ApplicationCommand:
        if (interaction.data.type !== ApplicationCommandType.ChatInput)
          return notice(respond, EXPIRED);
        return command(interaction as APIChatInputApplicationCommandInteraction, respond);
      case InteractionType.MessageComponent:
        return component(interaction, respond);
      case InteractionType.ModalSubmit:
        return modal(interaction, respond);
      case InteractionType.ApplicationCommandAutocomplete:
        return autocomplete(interaction, respond);
    }
  }

  return {
    async handle(interaction, respond) {
      const log = deps.logger.child({
        platform: "discord",
        interaction: interaction.id,
        type: interaction.type,
      });
      let answered = false;
      const tracked: Respond = async (response) => {
        await respond(response);
        answered = true;
      };
      const running = dispatch(interaction, tracked).catch(async (error: unknown) => {
        log.error({ err: error }, "interaction failed");
        await apologise(interaction, answered ? null : respond).catch((again: unknown) => {
          log.error({ err: again }, "could not tell the learner about the failure");
        });
      });
      inflight.add(running);
      try {
        await running;
      } finally {
        inflight.delete(running);
      }
    },
    async idle() {
      while (inflight.size > 0) await Promise.all([...inflight]);
    },
  };
}

function isPersonal(
  name: string,
  options: APIApplicationCommandInteractionDataOption[] | undefined,
): boolean {
  return PERSONAL_COMMANDS.has(name) || (name === "groups" && subcommand(options)?.name === "list");
}

function findFocused(
  options: APIApplicationCommandInteractionDataOption[] | undefined,
): { name: string; value: unknown } | undefined {
  for (const option of options ?? []) {
    if ("focused" in option && option.focused) return { name: option.name, value: option.value };
    if ("options" in option) {
      const inner = findFocused(option.options);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** Courses whose slug or title matches `query`, prefix matches first; slugs over 100 are unusable as values. */
function rankCourses<T extends { slug: string; title: string }>(courses: T[], query: string): T[] {
  const usable = courses.filter((course) => course.slug.length <= 100);
  const score = (course: T) => {
    const slug = course.slug.toLowerCase();
    const title = course.title.toLowerCase();
    if (slug.startsWith(query) || title.startsWith(query)) return 0;
    if (slug.includes(query) || title.includes(query)) return 1;
    return 2;
  };
  return usable
    .filter((course) => score(course) < 2)
    .sort((a, b) => score(a) - score(b) || a.slug.localeCompare(b.slug))
    .slice(0, 25);
}
