import { actionId } from "../conversation/action-id.js";
import type { Feature, TurnContext } from "../conversation/command.js";
import type { Action, Reply } from "../messages.js";
import type { LearnerSettings, SettingsStore } from "../ports/settings.js";
import { describeSlot, nextSlot } from "../schedule/slots.js";
import { bold } from "../text/markdown.js";
import {
  formatDays,
  formatMinute,
  parseLessonTime,
  parsePace,
  parseStudyDays,
} from "./parse-values.js";
import { resolveTimeZone } from "./time-zone.js";

/** Dependencies of {@link settingsFeature}. */
export interface SettingsFeatureDeps {
  settings: SettingsStore;
  /** Drops cached copies of a learner after a rename, so the new name shows at once. */
  forgetLearner(learnerId: string): void;
}

const HOW_TO = [
  "**Change them with**",
  "- /settings timezone Europe/Berlin (or a city, or UTC+5:30)",
  "- /settings hour 7:30",
  "- /settings pace 2 (lessons per study day, 1 to 5)",
  "- /settings days mon,wed,fri (or weekdays, daily)",
  "- /settings pause, /settings resume",
  "- /settings off (no scheduled lessons)",
  "- /settings name Ada Lovelace (the name on your certificates)",
].join("\n");

/** The settings text with what comes next, for `/settings` and after each change. */
export function describeSettings(settings: LearnerSettings, now: Date): string {
  const lines = [
    `- Time zone: ${settings.timeZone}`,
    `- Lesson time: ${formatMinute(settings.lessonMinute)}`,
    `- Pace: ${settings.lessonsPerDay} lesson${settings.lessonsPerDay === 1 ? "" : "s"} per study day`,
    `- Study days: ${formatDays(settings.studyDays)}`,
  ];
  let status: string;
  if (!settings.scheduleEnabled) status = "Scheduled lessons are off; you study with /next.";
  else if (settings.paused)
    status = "Scheduled lessons are paused. /settings resume restarts them.";
  else {
    const next = nextSlot(settings, now);
    status = next
      ? `Scheduled lessons are on. Next one: ${describeSlot(settings.timeZone, next)} (${settings.timeZone}).`
      : "Scheduled lessons are on.";
  }
  return `**Your settings**\n\n${lines.join("\n")}\n\n${status}`;
}

function buttons(settings: LearnerSettings): Action[] {
  const actions: Action[] = [];
  if (!settings.scheduleEnabled) {
    actions.push({
      id: actionId("settings", "on"),
      label: "Send me daily lessons",
      style: "primary",
    });
  } else if (settings.paused) {
    actions.push({ id: actionId("settings", "resume"), label: "Resume", style: "primary" });
  } else {
    actions.push({ id: actionId("settings", "pause"), label: "Pause" });
  }
  for (let pace = 1; pace <= 3; pace++) {
    if (pace !== settings.lessonsPerDay) {
      actions.push({ id: actionId("settings", "pace", pace), label: `${pace} a day` });
    }
  }
  return actions;
}

function show(settings: LearnerSettings, now: Date, lead?: string): Reply[] {
  const body = describeSettings(settings, now);
  return [
    { text: lead ? `${lead}\n\n${body}` : `${body}\n\n${HOW_TO}`, actions: buttons(settings) },
  ];
}

/** `/settings`: time zone, lesson time, pace, study days, pause and resume. */
export function settingsFeature(deps: SettingsFeatureDeps): Feature {
  async function change(ctx: TurnContext, patch: Partial<LearnerSettings>, lead: string) {
    const updated = await deps.settings.update(ctx.learner.id, patch);
    return show(updated, ctx.now, lead);
  }

  async function apply(ctx: TurnContext, what: string, value: string): Promise<Reply[]> {
    switch (what) {
      case "timezone":
      case "tz":
      case "zone":
        return changeZone(ctx, value);
      case "hour":
      case "time": {
        const parsed = parseLessonTime(value);
        if (!parsed.ok) return [{ text: parsed.message }];
        const text = `Lessons now arrive at ${formatMinute(parsed.value)} your time.`;
        return change(ctx, { lessonMinute: parsed.value, scheduleEnabled: true }, text);
      }
      case "pace": {
        const parsed = parsePace(value);
        if (!parsed.ok) return [{ text: parsed.message }];
        const text = `Pace set to ${parsed.value} lesson${parsed.value === 1 ? "" : "s"} per study day.`;
        return change(ctx, { lessonsPerDay: parsed.value, scheduleEnabled: true }, text);
      }
      case "days": {
        const parsed = parseStudyDays(value);
        if (!parsed.ok) return [{ text: parsed.message }];
        const text = `Study days set to ${formatDays(parsed.value)}.`;
        return change(ctx, { studyDays: parsed.value, scheduleEnabled: true }, text);
      }
      case "name":
        return rename(ctx, value);
      case "pause":
        return change(
          ctx,
          { paused: true },
          "Paused. No scheduled lessons or reminders until you resume.",
        );
      case "resume":
        return change(
          ctx,
          { paused: false, scheduleEnabled: true },
          "Welcome back: scheduled lessons resume.",
        );
      case "on":
        return change(ctx, { paused: false, scheduleEnabled: true }, "Scheduled lessons are on.");
      case "off":
        return change(
          ctx,
          { scheduleEnabled: false },
          "Scheduled lessons are off. /next still works any time.",
        );
      default:
        return [
          {
            text: `There is no setting "${what}". The settings are timezone, hour, pace, days, name, pause, resume, on and off.\n\n${HOW_TO}`,
          },
        ];
    }
  }

  async function rename(ctx: TurnContext, value: string): Promise<Reply[]> {
    const name = value.replace(/\s+/g, " ").trim();
    if (name === "" || name.length > 60 || /[\p{Cc}\p{Cf}]/u.test(name)) {
      return [
        {
          text: "Write the name as it should appear on your certificates, 1 to 60 characters: /settings name Ada Lovelace",
        },
      ];
    }
    await deps.settings.rename(ctx.learner.id, name);
    deps.forgetLearner(ctx.learner.id);
    return [
      {
        text: `Your name is now ${bold(name)}. New certificates and reviews show it; certificates already issued keep the name they were issued to.`,
      },
    ];
  }

  async function changeZone(ctx: TurnContext, value: string): Promise<Reply[]> {
    if (value === "")
      return [{ text: "Name a time zone, a city or an offset: /settings timezone Europe/Berlin." }];
    const match = resolveTimeZone(value);
    if (!match.ok) {
      const actions = match.suggestions.map((zone) => ({
        id: actionId("settings", "tz", zone),
        label: zone,
      }));
      const hint = match.suggestions.length
        ? `Did you mean one of these? ${match.suggestions.join(", ")}.`
        : "Try a zone name such as Europe/Berlin, a large city near you, or an offset such as UTC+5:30.";
      return [{ text: `I do not know the time zone "${value}". ${hint}`, actions }];
    }
    const lead = `Time zone set to ${match.understood}.`;
    return change(ctx, { timeZone: match.zone, scheduleEnabled: true }, lead);
  }

  return {
    commands: [
      {
        name: "settings",
        usage: "[timezone|hour|pace|days|name|pause|resume] [value]",
        summary: "your time zone, lesson time and pace for scheduled lessons",
        async run(ctx, args) {
          if (args === "") return show(await deps.settings.get(ctx.learner.id), ctx.now);
          const [what = "", ...rest] = args.split(/\s+/);
          return apply(ctx, what.toLowerCase(), rest.join(" "));
        },
      },
    ],
    actions: [
      {
        prefix: "settings",
        async run(ctx, args) {
          const [what = "", ...rest] = args;
          // Offsets such as UTC+5:30 contain ":" and arrive split.
          return apply(ctx, what, rest.join(":"));
        },
      },
    ],
  };
}
