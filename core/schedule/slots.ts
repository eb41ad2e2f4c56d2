import { DateTime } from "luxon";
import type { LearnerSettings } from "../ports/settings.js";

/** One scheduled lesson time: the learner's local date, the lesson's index that day, the instant. */
export interface Slot {
  /** Local calendar date in the learner's zone, "YYYY-MM-DD". */
  localDate: string;
  /** 0 for the first lesson of the day, 1 for the second, ... */
  index: number;
  /** The instant the lesson is due. */
  at: Date;
}

/** The schedule fields slot arithmetic needs. */
export type SlotSettings = Pick<
  LearnerSettings,
  "timeZone" | "lessonMinute" | "lessonsPerDay" | "studyDays"
>;

/** Longest gap between two lessons of the same day, in minutes. */
const MAX_GAP_MINUTES = 180;
/** How far back and ahead to look for a study day (a week and a day covers any weekday set). */
const SEARCH_DAYS = 8;

/** Local minutes of each lesson of a day: the first at the lesson minute, the rest spread after. */
export function slotMinutes(settings: SlotSettings): number[] {
  const count = Math.max(1, settings.lessonsPerDay);
  const room = 1439 - settings.lessonMinute;
  const gap = count > 1 ? Math.min(MAX_GAP_MINUTES, Math.floor(room / (count - 1))) : 0;
  return Array.from({ length: count }, (_, i) => settings.lessonMinute + i * gap);
}

/**
 * The first instant at which the wall clock in `zone` reads `minute` on `localDate` or later.
 * On a spring-forward day a time that does not exist (02:30 in New York) maps to the end of the
 * gap (03:00); on a fall-back day a time that exists twice maps to its first occurrence.
 */
export function wallClockInstant(zone: string, localDate: string, minute: number): Date {
  const wanted = DateTime.fromISO(localDate, { zone }).set({
    hour: Math.floor(minute / 60),
    minute: minute % 60,
  });
  const wantedWall = `${localDate}T${wallTime(minute)}`;
  if (wanted.toFormat("yyyy-MM-dd'T'HH:mm") === wantedWall) {
    // Ambiguous (repeated) times: prefer the earlier of the two instants.
    const earlier = wanted.minus({ hours: 1 });
    if (earlier.toFormat("yyyy-MM-dd'T'HH:mm") === wantedWall) return earlier.toJSDate();
    return wanted.toJSDate();
  }
  // Inside a gap: luxon moved forward by the gap; search back for the first instant past it.
  let low = wanted.toMillis() - 4 * 3_600_000;
  let high = wanted.toMillis();
  while (high - low > 1_000) {
    const middle = Math.floor((low + high) / 2);
    const wall = DateTime.fromMillis(middle, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
    if (wall >= wantedWall) high = middle;
    else low = middle;
  }
  return new Date(Math.ceil(high / 60_000) * 60_000);
}

function wallTime(minute: number): string {
  const hours = String(Math.floor(minute / 60)).padStart(2, "0");
  return `${hours}:${String(minute % 60).padStart(2, "0")}`;
}

/** The lessons of one local date, empty when it is not a study day. */
export function slotsOnDate(settings: SlotSettings, localDate: string): Slot[] {
  const weekday = DateTime.fromISO(localDate, { zone: "UTC" }).weekday;
  if (!settings.studyDays.includes(weekday)) return [];
  return slotMinutes(settings).map((minute, index) => ({
    localDate,
    index,
    at: wallClockInstant(settings.timeZone, localDate, minute),
  }));
}

function localDateOf(zone: string, at: Date, plusDays: number): string {
  return DateTime.fromJSDate(at, { zone }).plus({ days: plusDays }).toISODate()!;
}

/** The most recent lesson due at or before `now`, or null when none in the last week. */
export function latestDueSlot(settings: SlotSettings, now: Date): Slot | null {
  for (let back = 0; back <= SEARCH_DAYS; back++) {
    const date = localDateOf(settings.timeZone, now, -back);
    const due = slotsOnDate(settings, date).filter((slot) => slot.at <= now);
    if (due.length > 0) return due[due.length - 1]!;
  }
  return null;
}

/** The lesson before `slot` in the schedule, or null when none in the week before. */
export function previousSlot(settings: SlotSettings, slot: Slot): Slot | null {
  const sameDay = slotsOnDate(settings, slot.localDate).filter((s) => s.index < slot.index);
  if (sameDay.length > 0) return sameDay[sameDay.length - 1]!;
  const start = DateTime.fromISO(slot.localDate, { zone: "UTC" });
  for (let back = 1; back <= SEARCH_DAYS; back++) {
    const slots = slotsOnDate(settings, start.minus({ days: back }).toISODate()!);
    if (slots.length > 0) return slots[slots.length - 1]!;
  }
  return null;
}

/** The first lesson due after `now`, or null when the learner has no study day. */
export function nextSlot(settings: SlotSettings, now: Date): Slot | null {
  for (let ahead = 0; ahead <= SEARCH_DAYS; ahead++) {
    const date = localDateOf(settings.timeZone, now, ahead);
    const next = slotsOnDate(settings, date).find((slot) => slot.at > now);
    if (next) return next;
  }
  return null;
}

/** "Tue 8 Dec, 7:30" in the learner's zone. */
export function describeSlot(zone: string, slot: Slot): string {
  return DateTime.fromJSDate(slot.at, { zone }).toFormat("ccc d LLL, H:mm");
}
