// Building a DateTimeFormat is costly (it showed in the quiz-answer profile); keep one per zone.
const formats = new Map<string, Intl.DateTimeFormat | null>();

function formatFor(timeZone: string): Intl.DateTimeFormat | null {
  let format = formats.get(timeZone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat("en-CA", {
        timeZone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
      });
    } catch {
      format = null;
    }
    formats.set(timeZone, format);
  }
  return format;
}

/** The calendar date (YYYY-MM-DD) of `at` in `timeZone`; unknown zones count as UTC. */
export function localDate(at: Date, timeZone: string): string {
  return formatFor(timeZone)?.format(at) ?? at.toISOString().slice(0, 10);
}

/** The date before a YYYY-MM-DD date. */
export function previousDate(date: string): string {
  const day = new Date(`${date}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

/** The streak after activity on `today`: unchanged the same day, +1 the next day, else 1. */
export function advanceStreak(
  streak: { days: number; lastDate: string | null },
  today: string,
): { days: number; lastDate: string } {
  if (streak.lastDate === today) return { days: Math.max(1, streak.days), lastDate: today };
  if (streak.lastDate === previousDate(today)) return { days: streak.days + 1, lastDate: today };
  return { days: 1, lastDate: today };
}

/** The streak as it stands on `today`: broken (0) when the last active day is before yesterday. */
export function currentStreak(
  streak: { days: number; lastDate: string | null },
  today: string,
): number {
  if (streak.lastDate === today || streak.lastDate === previousDate(today)) return streak.days;
  return 0;
}
