import type { App } from "@slack/bolt";
import { SLASH_COMMAND, subcommandName, toCoreCommand } from "./command-words.js";
import { unescapeSlackText } from "./mrkdwn.js";
import type { SlackRuntime } from "./runtime.js";

/** A subcommand the adapter handles itself (it needs Slack, not just the core). */
export type SlackSubcommand = (
  rt: SlackRuntime,
  command: {
    user_id: string;
    user_name: string;
    channel_id: string;
    text: string;
    trigger_id: string;
  },
) => Promise<boolean>;

/** The reply to a subcommand that does not exist, listing the ones that do. */
function unknownSubcommand(rt: SlackRuntime, name: string): string {
  const names = rt.conversation
    .commands()
    .filter((command) => !command.instructorOnly)
    .map((command) => command.name);
  return `\`${SLASH_COMMAND} ${name}\` is not a StudyHall command. Try one of: ${names.join(", ")}. Send \`${SLASH_COMMAND} help\` for what each does.`;
}

/**
 * Registers `/learn`: acknowledges at once, then maps the subcommand to the core's command
 * text. Replayed requests (same trigger_id) are handled once.
 */
export function registerSlashCommand(
  app: App,
  rt: SlackRuntime,
  special: Record<string, SlackSubcommand>,
): void {
  app.command(SLASH_COMMAND, async ({ command, ack }) => {
    await ack();
    if (!(await rt.firstSeen(`command:${command.trigger_id}`))) {
      rt.log.info({ trigger: command.trigger_id }, "replayed slash command ignored");
      return;
    }
    const name = subcommandName(command.text);
    const handler = special[name];
    if (handler && (await handler(rt, command))) return;

    const place = await rt.place(command.user_id, command.channel_id, command.trigger_id);
    const known = rt.conversation.commands().some((c) => c.name === name);
    if (name !== "" && !known) {
      await rt.deliver(place, [{ text: unknownSubcommand(rt, name), personal: true }]);
      return;
    }
    await rt.runTurn(
      place,
      { id: command.user_id, name: command.user_name },
      {
        text: toCoreCommand(unescapeSlackText(command.text)),
      },
    );
  });
}
