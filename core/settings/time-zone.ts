import { DateTime, FixedOffsetZone, IANAZone } from "luxon";
import { editDistance } from "../text/edit-distance.js";
import { CITY_ZONES } from "./city-zones.js";

/** What {@link resolveTimeZone} understood, or close matches when it understood nothing. */
export type TimeZoneMatch =
  | { ok: true; zone: string; understood: string }
  | { ok: false; suggestions: string[] };

const OFFSET = /^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$/i;

/**
 * Current IANA names that older ICU data (Node 20) lists only under their former names
 * (Asia/Calcutta, Asia/Katmandu, Europe/Kiev); every runtime still accepts both spellings.
 */
const CURRENT_NAMES: Readonly<Record<string, string>> = {
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Europe/Kiev": "Europe/Kyiv",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Asia/Rangoon": "Asia/Yangon",
  "America/Godthab": "America/Nuuk",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "Pacific/Truk": "Pacific/Chuuk",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Enderbury": "Pacific/Kanton",
};

let cachedZones: string[] | undefined;

/** Every IANA zone name the runtime knows under its current spelling, plus "UTC". */
export function knownZones(): string[] {
  cachedZones ??= [
    ...new Set([
      ...Intl.supportedValuesOf("timeZone").map((zone) => CURRENT_NAMES[zone] ?? zone),
      "UTC",
    ]),
  ].filter(isValidZone);
  return cachedZones;
}

/** True when luxon can compute local times in `zone` (IANA names and "UTC+5:30" forms). */
export function isValidZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}

/** Lower-cased, with "_" and extra spaces turned into single spaces. */
function normalize(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[_\s]+/g, " ");
}

/** Parses "UTC+5:30", "GMT-3", "+0545" into luxon's "UTC+5:30" form. */
export function parseOffset(input: string): string | null {
  const match = OFFSET.exec(input.trim());
  if (!match) return null;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? "0");
  if (hours > 14 || minutes > 59 || (hours === 14 && minutes > 0)) return null;
  if (hours === 0 && minutes === 0) return "UTC";
  return `UTC${match[1]}${hours}${minutes ? `:${String(minutes).padStart(2, "0")}` : ""}`;
}

/**
 * Understands an IANA zone ("europe/berlin"), a city ("Berlin", "New York", "Mumbai") or a
 * UTC offset ("UTC+5:30"). Unknown input gets the closest zone and city names instead.
 */
export function resolveTimeZone(input: string): TimeZoneMatch {
  const wanted = normalize(input);
  if (wanted === "") return { ok: false, suggestions: [] };

  const offset = parseOffset(input);
  if (offset) return { ok: true, zone: offset, understood: describeOffset(offset) };

  const exact = knownZones().find((zone) => normalize(zone) === wanted);
  if (exact) return { ok: true, zone: exact, understood: exact };

  const city = CITY_ZONES[wanted];
  if (city) return { ok: true, zone: city, understood: `${titleCase(wanted)} (${city})` };

  const byCity = knownZones().filter((zone) => normalize(lastPart(zone)) === wanted);
  if (byCity.length > 0) {
    const zone = byCity[0]!;
    return { ok: true, zone, understood: `${lastPart(zone).replace(/_/g, " ")} (${zone})` };
  }
  return { ok: false, suggestions: closeZones(wanted) };
}

/** A sentence naming a fixed offset and the zones that currently share it. */
function describeOffset(zone: string): string {
  if (zone === "UTC") return "UTC";
  const minutes = FixedOffsetZone.parseSpecifier(zone)?.offset(Date.now()) ?? 0;
  const now = Date.now();
  const sharing = knownZones()
    .filter((name) => name.includes("/") && IANAZone.create(name).offset(now) === minutes)
    .slice(0, 3);
  const hint = sharing.length ? `; places on it now include ${sharing.join(", ")}` : "";
  return `${zone}, a fixed offset without daylight saving${hint}`;
}

function lastPart(zone: string): string {
  return zone.slice(zone.lastIndexOf("/") + 1);
}

function titleCase(text: string): string {
  return text.replace(/\b\w/g, (letter) => letter.toUpperCase());
}

/** Up to five zone names closest to `wanted` by edit distance of the city part or whole name. */
export function closeZones(wanted: string, limit = 5): string[] {
  const scored = new Map<string, number>();
  const consider = (zone: string, candidate: string) => {
    const distance = editDistance(wanted, candidate);
    const prefix = candidate.startsWith(wanted) || wanted.startsWith(candidate) ? -1 : 0;
    const score = distance + prefix;
    if (distance <= Math.max(2, Math.floor(wanted.length / 3)) || prefix < 0) {
      scored.set(zone, Math.min(scored.get(zone) ?? Number.POSITIVE_INFINITY, score));
    }
  };
  for (const zone of knownZones()) {
    consider(zone, normalize(lastPart(zone)));
    consider(zone, normalize(zone));
  }
  for (const [city, zone] of Object.entries(CITY_ZONES)) consider(zone, city);
  return [...scored.entries()]
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([zone]) => zone);
}
