import { DateTime } from "luxon";

/** A learner's local calendar day and when the next one starts. */
export interface LocalDay {
  /** YYYY-MM-DD in the learner's time zone. */
  day: string;
  /** The next local midnight. */
  resetsAt: Date;
  /** The zone actually used (UTC when the learner's is unknown). */
  zone: string;
}

/** The local day of `now` in `timeZone` (IANA or "UTC+5:30"); unknown zones count as UTC. */
export function localDay(now: Date, timeZone: string): LocalDay {
  let local = DateTime.fromJSDate(now, { zone: timeZone });
  if (!local.isValid) local = DateTime.fromJSDate(now, { zone: "UTC" });
  return {
    day: local.toISODate() ?? now.toISOString().slice(0, 10),
    resetsAt: local.plus({ days: 1 }).startOf("day").toJSDate(),
    zone: local.zoneName ?? "UTC",
  };
}

/** "3 h 20 min", "45 min", "1 min" until `later`. */
export function durationUntil(now: Date, later: Date): string {
  const minutes = Math.max(1, Math.ceil((later.getTime() - now.getTime()) / 60_000));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
