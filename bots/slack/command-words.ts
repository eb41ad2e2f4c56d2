/**
 * Slack gives StudyHall one slash command; the shared command words of DESIGN.md become its
 * subcommands (`/learn next`). These helpers translate between the two spellings.
 */

/** The slash command registered in slack-manifest.yaml. */
export const SLASH_COMMAND = "/learn";

/** Turns the text after `/learn` into the core's command text: "courses sql" -> "/courses sql". */
export function toCoreCommand(subcommandText: string): string {
  const text = subcommandText.trim().replace(/^\/+/, "");
  return text === "" ? "/help" : `/${text}`;
}

/** The first word of a subcommand, lower case ("" when none). */
export function subcommandName(subcommandText: string): string {
  return (subcommandText.trim().replace(/^\/+/, "").split(/\s+/)[0] ?? "").toLowerCase();
}

/**
 * Rewrites mentions of core commands in reply text ("send /next") into the Slack spelling
 * ("send /learn next"). Only whole words after a space, a line start, "(" or a backtick change,
 * so URLs such as https://x.org/next stay as they are.
 */
export function slackCommandText(text: string, commandNames: ReadonlySet<string>): string {
  return text.replace(/(^|[\s(`])\/([a-z][\w-]*)\b/g, (match, before: string, name: string) =>
    commandNames.has(name.toLowerCase()) ? `${before}${SLASH_COMMAND} ${name}` : match,
  );
}
