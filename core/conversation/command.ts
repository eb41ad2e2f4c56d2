import type { Clock } from "../clock.js";
import type { Logger } from "../logger.js";
import type { Inbound, Reply } from "../messages.js";
import type { AccountRecord, LearnerProfile } from "../ports/accounts.js";

/** Everything a command or action handler gets for one turn. */
export interface TurnContext {
  /** The update being handled. */
  inbound: Inbound;
  /** The learner who sent it. */
  learner: LearnerProfile;
  /** The account it came from. */
  account: AccountRecord;
  /** Time of the turn (from the injected clock). */
  now: Date;
  /** Logger bound to the platform, chat and command. */
  log: Logger;
}

/** A chat command such as `/enroll <slug>`, the same on every platform. */
export interface Command {
  /** Name without the slash, lower case ("enroll"). */
  name: string;
  /** Arguments shown in help ("<slug>"); empty when none. */
  usage: string;
  /** One line for the help list. */
  summary: string;
  /** Only course instructors may run it. */
  instructorOnly?: boolean;
  /** Runs the command; `args` is the text after the command name, trimmed. */
  run(ctx: TurnContext, args: string): Promise<Reply[]>;
}

/**
 * Handles pressed buttons whose id starts with `${prefix}:`. Action ids are
 * `prefix:arg1:arg2...`; `args` holds the parts after the prefix.
 */
export interface ActionHandler {
  prefix: string;
  run(ctx: TurnContext, args: string[]): Promise<Reply[]>;
}

/** Handles free text while an account has a pending input of `kind`. */
export interface TextInputHandler {
  kind: string;
  run(
    ctx: TurnContext,
    text: string,
    data: Record<string, string | number | boolean>,
  ): Promise<Reply[]>;
}

/** A feature's contribution to the conversation: its commands, buttons and text inputs. */
export interface Feature {
  commands?: Command[];
  actions?: ActionHandler[];
  textInputs?: TextInputHandler[];
}

/** Services every conversation turn needs, given at start-up. */
export interface TurnServices {
  clock: Clock;
  logger: Logger;
}
