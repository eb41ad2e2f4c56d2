import type { KnownBlock, View } from "@slack/types";
import { section, truncate } from "./block-kit.js";
import { VIEW_BLOCKS_MAX } from "./limits.js";
import { escapeMrkdwn } from "./mrkdwn.js";

/** `action_id` prefix of Home tab buttons that run a command ("/next", "/course sql-basics"). */
export const COMMAND_BUTTON = "studyhall-command.";

/** One enrolled course as the Home tab shows it. */
export interface HomeCourse {
  title: string;
  slug: string;
  percent: number;
  lessonsDone: number;
  lessonsTotal: number;
  completed: boolean;
  certificateUrl: string | null;
}

/** What the Home tab shows a learner. */
export interface HomeSnapshot {
  streakDays: number;
  courses: HomeCourse[];
  /** A course to take next, or null when there is none. */
  recommended: { title: string; slug: string; summary: string } | null;
}

/** Reads a learner's Home tab data from the learning core. */
export interface HomeSource {
  /** The snapshot of a learner (the time zone decides which day the streak is on). */
  snapshot(learner: { id: string; timeZone: string }): Promise<HomeSnapshot>;
}

function bar(percent: number): string {
  const filled = Math.round(Math.min(100, Math.max(0, percent)) / 10);
  return `${"▓".repeat(filled)}${"░".repeat(10 - filled)}`;
}

function commandButton(label: string, command: string, primary = false) {
  return {
    type: "button" as const,
    // Action ids must differ within a view; the command itself is the value.
    action_id: `${COMMAND_BUTTON}${command.split(" ")[0]!.slice(1)}`,
    text: { type: "plain_text" as const, text: truncate(label, 75) },
    value: command,
    ...(primary ? { style: "primary" as const } : {}),
  };
}

function courseBlocks(course: HomeCourse): KnownBlock[] {
  const title = `*${escapeMrkdwn(course.title)}*`;
  const line = `${bar(course.percent)} ${course.percent}% · ${course.lessonsDone} of ${course.lessonsTotal} lessons`;
  const certificate = course.certificateUrl
    ? `\nCompleted: <${course.certificateUrl.replace(/[<>|\s]/g, encodeURIComponent)}|certificate>`
    : "";
  return [section(`${title}\n${line}${certificate}`)];
}

/** The Home tab: streak, enrolled courses with progress, the next lesson and a recommendation. */
export function homeView(snapshot: HomeSnapshot): View {
  const active = snapshot.courses.filter((course) => !course.completed);
  const streak =
    snapshot.streakDays > 0
      ? `:fire: ${snapshot.streakDays}-day streak`
      : "Study today to start a streak.";
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: "Your learning" } },
    section(streak),
  ];
  if (snapshot.courses.length === 0) {
    blocks.push(section("You are not enrolled in a course yet."));
  }
  for (const course of snapshot.courses.slice(0, 20)) blocks.push(...courseBlocks(course));
  const buttons = [];
  if (active.length > 0) buttons.push(commandButton("Next lesson", "/next", true));
  buttons.push(commandButton("Browse courses", "/courses"));
  blocks.push({ type: "actions", elements: buttons });
  if (snapshot.recommended) {
    const { title, slug, summary } = snapshot.recommended;
    blocks.push(
      { type: "divider" },
      section(
        `*Recommended next:* ${escapeMrkdwn(title)}\n${escapeMrkdwn(truncate(summary, 500))}`,
      ),
      { type: "actions", elements: [commandButton(`Open ${title}`, `/course ${slug}`)] },
    );
  }
  return { type: "home", blocks: blocks.slice(0, VIEW_BLOCKS_MAX) };
}
