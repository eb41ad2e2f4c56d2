import { editDistance } from "../text/edit-distance.js";

/** Most lessons a learner may ask for per study day. */
export const MAX_LESSONS_PER_DAY = 5;

/** A parsed value, or a learner-facing explanation of what was wrong. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const DAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const FULL_DAY_NAMES = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
] as const;
const DAY_GROUPS: Record<string, number[]> = {
  daily: [1, 2, 3, 4, 5, 6, 7],
  everyday: [1, 2, 3, 4, 5, 6, 7],
  all: [1, 2, 3, 4, 5, 6, 7],
  weekdays: [1, 2, 3, 4, 5],
  weekends: [6, 7],
  weekend: [6, 7],
};

/** "7:30" for minute 450. */
export function formatMinute(minute: number): string {
  return `${Math.floor(minute / 60)}:${String(minute % 60).padStart(2, "0")}`;
}

/** "Mon, Wed, Fri" for [1, 3, 5]; "every day" for all seven. */
export function formatDays(days: number[]): string {
  if (days.length === 7) return "every day";
  return days.map((day) => DAY_NAMES[day - 1]!.replace(/^./, (c) => c.toUpperCase())).join(", ");
}

/**
 * Parses a lesson time: "7", "7:30", "07:30", "19:05", "7am", "7:30 pm". Returns the local
 * minute of the day, or says which part is out of range.
 */
export function parseLessonTime(input: string): Parsed<number> {
  const text = input.trim().toLowerCase().replace(/\s+/g, "");
  const match = /^(\d{1,2})(?:[:.h](\d{1,2}))?(am|pm)?$/.exec(text);
  if (!match) {
    return {
      ok: false,
      message: `I could not read "${input.trim()}" as a time. Write hours and minutes, for example /settings hour 7:30 or /settings hour 19:00.`,
    };
  }
  let hours = Number(match[1]);
  const minutes = Number(match[2] ?? "0");
  const half = match[3];
  if (half && (hours < 1 || hours > 12)) {
    return {
      ok: false,
      message: `With am/pm the hour must be from 1 to 12; "${input.trim()}" is not.`,
    };
  }
  if (half === "pm" && hours < 12) hours += 12;
  if (half === "am" && hours === 12) hours = 0;
  if (hours > 23) {
    return {
      ok: false,
      message: `The hour must be from 0 to 23 (0:00 to 23:59); ${hours} is out of range.`,
    };
  }
  if (minutes > 59) {
    return {
      ok: false,
      message: `The minutes must be from 00 to 59; ${match[2]} is out of range.`,
    };
  }
  return { ok: true, value: hours * 60 + minutes };
}

/** Parses a pace: a whole number of lessons per day from 1 to {@link MAX_LESSONS_PER_DAY}. */
export function parsePace(input: string): Parsed<number> {
  const text = input.trim();
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > MAX_LESSONS_PER_DAY) {
    return {
      ok: false,
      message: `The pace is a number of lessons per day from 1 to ${MAX_LESSONS_PER_DAY}; "${text}" is not. For example /settings pace 2.`,
    };
  }
  return { ok: true, value };
}

function parseDay(word: string): number | null {
  if (/^[1-7]$/.test(word)) return Number(word);
  const short = DAY_NAMES.indexOf(word as (typeof DAY_NAMES)[number]);
  if (short >= 0) return short + 1;
  const full = FULL_DAY_NAMES.findIndex(
    (name) => name === word || (name.startsWith(word) && word.length >= 3),
  );
  return full >= 0 ? full + 1 : null;
}

function closestDay(word: string): string {
  const names = [...FULL_DAY_NAMES, ...Object.keys(DAY_GROUPS)];
  return names.reduce((best, name) =>
    editDistance(word, name) < editDistance(word, best) ? name : best,
  );
}

/**
 * Parses study days: "mon,wed,fri", "Monday Wednesday", "mon-fri", "weekdays", "daily" or ISO
 * numbers "1,3,5". A misspelled day is named, with the closest valid word and the list.
 */
export function parseStudyDays(input: string): Parsed<number[]> {
  const words = input
    .trim()
    .toLowerCase()
    .split(/[\s,;]+/)
    .filter(Boolean);
  if (words.length === 0)
    return { ok: false, message: "Name at least one day, for example /settings days mon,wed,fri." };
  const days = new Set<number>();
  for (const word of words) {
    const group = DAY_GROUPS[word.replace(/-/g, "")];
    if (group) {
      for (const day of group) days.add(day);
      continue;
    }
    const range = /^([a-z]+|\d)-([a-z]+|\d)$/.exec(word);
    const first = parseDay(range ? range[1]! : word);
    const last = range ? parseDay(range[2]!) : first;
    if (first === null || last === null) {
      const bad = range ? (first === null ? range[1]! : range[2]!) : word;
      return {
        ok: false,
        message: `"${bad}" is not a day of the week (did you mean ${closestDay(bad)}?). Valid days: mon, tue, wed, thu, fri, sat, sun (or full names), ranges like mon-fri, weekdays, weekends, daily.`,
      };
    }
    for (let day = first; ; day = (day % 7) + 1) {
      days.add(day);
      if (day === last) break;
    }
  }
  return { ok: true, value: [...days].sort((a, b) => a - b) };
}
