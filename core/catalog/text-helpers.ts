/** Small text helpers shared by the package parsers. */

/** A lowercase, dash-separated key from any title: "Sorting Out References" -> "sorting-out-references". */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

/** The lesson key a file name suggests: "02-select.md" -> "select". */
export function keyFromFileName(fileName: string): string {
  const stem = fileName
    .split("/")
    .at(-1)!
    .replace(/\.(md|markdown)$/i, "");
  return slugify(stem.replace(/^\d+[-_. ]*/, "")) || slugify(stem);
}

/** Keys are short, lowercase and URL-safe so that they can live in button payloads. */
export const KEY_PATTERN = /^[a-z0-9][a-z0-9_-]{0,59}$/;

/** Collapses runs of whitespace to single spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Returns `key`, or `key-2`, `key-3`... when it is already in `taken` (which it then joins). */
export function uniqueKey(key: string, taken: Set<string>): string {
  let candidate = key;
  for (let n = 2; taken.has(candidate); n++) candidate = `${key}-${n}`;
  taken.add(candidate);
  return candidate;
}

/** Where a lesson's key was set, for the duplicate check. */
export interface KeyPlace {
  key: string;
  file: string;
  line: number;
}

/** Reports every key used by more than one lesson, at the later place, naming the earlier one. */
export function reportDuplicateKeys(
  places: KeyPlace[],
  what: string,
  add: (file: string, line: number, message: string) => void,
): void {
  const seen = new Map<string, KeyPlace>();
  for (const place of places) {
    const earlier = seen.get(place.key);
    if (earlier) {
      add(
        place.file,
        place.line,
        `${what} key "${place.key}" is already used by ${earlier.file}:${earlier.line}; give this one another key`,
      );
    } else {
      seen.set(place.key, place);
    }
  }
}
