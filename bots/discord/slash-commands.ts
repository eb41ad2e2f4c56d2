import {
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOption,
  ApplicationCommandOptionType as Option,
  type RESTPutAPIApplicationCommandsJSONBody,
} from "discord.js";

/** One slash command definition as registered with Discord. */
type CommandDefinition = RESTPutAPIApplicationCommandsJSONBody[number] & {
  name: string;
  options?: APIApplicationCommandOption[];
};

const course = (required: boolean, description = "Course slug, for example sql-basics") =>
  ({
    type: Option.String,
    name: "course",
    description,
    required,
    autocomplete: true,
    max_length: 100,
  }) as const;

const text = (name: string, description: string, required = false, max = 4000) =>
  ({ type: Option.String, name, description, required, max_length: max }) as const;

const group = (required: boolean) =>
  ({
    type: Option.String,
    name: "group",
    description: "The study group (defaults to the one of this thread)",
    required,
    autocomplete: true,
    max_length: 100,
  }) as const;

const simple = (name: string, description: string, options: APIApplicationCommandOption[] = []) =>
  ({ name, description, options, type: 1 }) as CommandDefinition;

/**
 * The slash commands: every learner command of DESIGN.md plus the instructor commands the core
 * has (/announce, /event), with typed options and course autocompletion. Registered by
 * `npm run discord:register`; a test checks each one reaches a real core command.
 */
export const SLASH_COMMANDS: CommandDefinition[] = [
  simple("start", "What StudyHall is and how to use it", [course(false)]),
  simple("help", "Show what StudyHall can do"),
  simple("courses", "List courses, or find them by words", [
    text("query", "Words to search for", false, 200),
  ]),
  simple("course", "A course's description, syllabus and reviews", [course(true)]),
  simple("enroll", "Start a course", [course(true)]),
  simple("next", "The next part of your lesson"),
  simple("quiz", "A quiz on your current lesson"),
  simple("progress", "Your progress in your courses (only you see it)"),
  simple("review", "Rate your course", [
    {
      type: Option.Integer,
      name: "rating",
      description: "1 to 5 stars",
      required: true,
      min_value: 1,
      max_value: 5,
    },
    text("text", "What you thought of it", false, 2000),
  ]),
  simple("ask", "Ask the tutor about your lesson", [text("question", "Your question", true)]),
  {
    name: "groups",
    description: "Study groups of your courses",
    type: 1,
    options: [
      {
        type: Option.Subcommand,
        name: "list",
        description: "This channel's study group; in a DM, your groups and those of your courses",
      },
      {
        type: Option.Subcommand,
        name: "create",
        description: "Create a private study thread for a course here",
        options: [course(true), text("name", "Name of the group", false, 90)],
      },
      {
        type: Option.Subcommand,
        name: "join",
        description: "Join a study group",
        options: [group(false)],
      },
      {
        type: Option.Subcommand,
        name: "leave",
        description: "Leave a study group",
        options: [group(false)],
      },
    ],
  },
  simple("events", "Upcoming webinars and study sessions of your courses"),
  simple("feedback", "Tell the instructors something", [
    text("text", "Your feedback (a form opens when empty)"),
  ]),
  simple("certificate", "Your certificates (only you see them)"),
  simple("link", "Link this account with StudyHall on another platform", [
    text("code", "A code from another platform", false, 32),
  ]),
  simple("settings", "Time zone, lesson time and pace (only you see them)", [
    {
      type: Option.String,
      name: "setting",
      description: "What to change",
      required: false,
      choices: ["timezone", "hour", "pace", "days", "pause", "resume"].map((v) => ({
        name: v,
        value: v,
      })),
    },
    text("value", "The new value, for example Europe/Berlin or 18:00", false, 100),
  ]),
  simple("announce", "Instructors: announce to every learner of a course", [
    course(true),
    text("message", "The announcement", true, 1800),
  ]),
  simple("event", "Instructors: schedule a webinar or study session", [
    course(true),
    text("date", "Day, as YYYY-MM-DD", true, 10),
    text("time", "Start time in your time zone, as HH:MM", true, 5),
    text("title", "Title of the event", true, 100),
    text("location", "Where (a link or a voice channel); default: online", false, 100),
  ]),
];

/** Commands whose answers are personal: deferred as ephemeral before the core has answered. */
export const PERSONAL_COMMANDS = new Set([
  "progress",
  "certificate",
  "settings",
  "link",
  "feedback",
]);

type Options = APIApplicationCommandInteractionDataOption[] | undefined;

/** The value of option `name`, as text; undefined when absent. */
export function optionValue(options: Options, name: string): string | undefined {
  const found = (options ?? []).find((option) => option.name === name);
  return found && "value" in found && found.value !== undefined ? String(found.value) : undefined;
}

/** The subcommand used and its options, when the command has subcommands. */
export function subcommand(options: Options): { name: string; options: Options } | undefined {
  const first = (options ?? [])[0];
  if (!first || first.type !== Option.Subcommand) return undefined;
  return { name: first.name, options: first.options };
}

/**
 * Maps a slash command to the core's chat text, so that `/enroll course:sql` reaches the core
 * as "/enroll sql": option values in their declared order, absent ones skipped.
 */
export function commandText(name: string, options: Options): string {
  const sub = subcommand(options);
  if (name === "groups" && sub) {
    const id = optionValue(sub.options, "group") ?? "";
    if (sub.name === "list") return "/groups";
    if (sub.name === "create") return `/groups ${optionValue(sub.options, "course") ?? ""}`.trim();
    return `/groups ${sub.name} ${id}`.trim();
  }
  const definition = SLASH_COMMANDS.find((command) => command.name === name);
  const values = (definition?.options ?? [])
    .filter((option) => option.name !== "location")
    .map((option) => optionValue(options, option.name))
    .filter((value): value is string => value !== undefined && value.trim() !== "");
  return [`/${name}`, ...values.map((value) => value.trim())].join(" ");
}
