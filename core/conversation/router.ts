import { AppError } from "../errors.js";
import type { Inbound, Reply } from "../messages.js";
import type { AccountStore, UpdateLog } from "../ports/accounts.js";
import { parseActionId } from "./action-id.js";
import type {
  ActionHandler,
  Command,
  Feature,
  TextInputHandler,
  TurnContext,
  TurnServices,
} from "./command.js";

/** Longest text a learner may send in one message. */
export const MAX_TEXT_LENGTH = 4000;

/** Turns inbound updates into replies: the single entry point every adapter calls. */
export interface ConversationHandler {
  /** Handles one update and returns the replies to show, in order. Never throws. */
  handle(inbound: Inbound): Promise<Reply[]>;
  /** The registered commands, for help texts and platform command menus. */
  commands(): readonly Command[];
}

/** Dependencies of {@link createConversation}. */
export interface ConversationDeps extends TurnServices {
  accounts: AccountStore;
  updates: UpdateLog;
  features: Feature[];
}

/**
 * Builds the conversation router from features. It deduplicates updates, identifies the
 * sender, dispatches commands, buttons and pending text, and is the error boundary of a turn.
 */
export function createConversation(deps: ConversationDeps): ConversationHandler {
  const commands = new Map<string, Command>();
  const actions = new Map<string, ActionHandler>();
  const textInputs = new Map<string, TextInputHandler>();
  for (const feature of deps.features) {
    for (const command of feature.commands ?? []) commands.set(command.name, command);
    for (const action of feature.actions ?? []) actions.set(action.prefix, action);
    for (const input of feature.textInputs ?? []) textInputs.set(input.kind, input);
  }

  async function dispatch(ctx: TurnContext): Promise<Reply[]> {
    const { inbound } = ctx;
    if (inbound.action !== undefined) {
      const { prefix, args } = parseActionId(inbound.action);
      const handler = actions.get(prefix);
      if (!handler)
        return [{ text: "That button has expired. Send /help to see what you can do." }];
      return handler.run(ctx, args);
    }

    if (inbound.text === undefined) {
      return [{ text: "I can only read text messages. Send /help to see the commands." }];
    }
    const text = inbound.text.trim();
    if (text === "") {
      return [
        { text: "That message was empty. Send a command such as /next, or /help for the list." },
      ];
    }
    if (text.length > MAX_TEXT_LENGTH) {
      return [
        {
          text: `That message is ${text.length} characters long; I read at most ${MAX_TEXT_LENGTH}. Please send it shorter.`,
        },
      ];
    }

    const parsed = parseCommand(text);
    if (parsed) {
      const command = commands.get(parsed.name);
      if (!command) return [unknownCommandReply(parsed.name, [...commands.values()])];
      await deps.accounts.setPending(ctx.account.id, null);
      return command.run(ctx, parsed.args);
    }

    const pending = await deps.accounts.getPending(ctx.account.id);
    const input = pending ? textInputs.get(pending.kind) : undefined;
    if (pending && input) return input.run(ctx, text, pending.data);
    return [
      {
        text: "I did not understand that. Commands start with a slash, for example /courses or /next. Send /help for the list.",
      },
    ];
  }

  return {
    commands: () => [...commands.values()],
    async handle(inbound) {
      const log = deps.logger.child({
        platform: inbound.platform,
        chat: inbound.chat.id,
        update: inbound.updateId,
      });
      try {
        if (
          inbound.updateId &&
          !(await deps.updates.firstSeen(inbound.platform, inbound.updateId))
        ) {
          log.debug({}, "duplicate update ignored");
          return [];
        }
        const { learner, account } = await deps.accounts.identify({
          platform: inbound.platform,
          externalId: inbound.userId,
          displayName: inbound.displayName,
          username: inbound.username,
          chatId: inbound.chat.kind === "direct" ? inbound.chat.id : undefined,
        });
        const now = deps.clock.now();
        await deps.accounts.touch(learner.id, now);
        return await dispatch({ inbound, learner, account, now, log });
      } catch (error) {
        if (error instanceof AppError && error.code !== "internal") {
          log.warn({ code: error.code, err: error.message }, "turn refused");
          return [{ text: error.userMessage }];
        }
        log.error({ err: error }, "turn failed");
        return [
          { text: "Something went wrong on our side and nothing was saved. Please try again." },
        ];
      }
    },
  };
}

/** Parses "/name args" (also "/name@BotName args" as Telegram sends in groups). */
export function parseCommand(text: string): { name: string; args: string } | null {
  const match = /^\/([A-Za-z][\w-]*)(?:@\w+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match) return null;
  return { name: match[1]!.toLowerCase(), args: (match[2] ?? "").trim() };
}

function unknownCommandReply(name: string, commands: Command[]): Reply {
  const list = commands
    .filter((command) => !command.instructorOnly)
    .map((command) => `/${command.name}`)
    .join(", ");
  return {
    text: `There is no /${name} command. The commands are: ${list}. Send /help for details.`,
  };
}
