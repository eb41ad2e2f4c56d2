import { html, type SafeHtml } from "./html.js";

/** "45 min", "2 h", "2 h 30 min". */
export function formatWorkload(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** "4 December 2026", in UTC so that every reader sees the same date. */
export function formatDate(date: Date): string {
  return date.toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

/** "English" for "en", the code itself when Intl does not know it. */
export function formatLanguage(code: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Capitalised level name ("beginner" -> "Beginner"). */
export function formatLevel(level: string): string {
  return level.charAt(0).toUpperCase() + level.slice(1);
}

/** Stars and a readable label, e.g. "★★★★☆ 4.3 (12 ratings)"; "No ratings yet" before any. */
export function ratingBadge(average: number | null, count: number): SafeHtml {
  if (average === null || count === 0)
    return html`<span class="rating muted">No ratings yet</span>`;
  const rounded = Math.round(average);
  const stars = "★".repeat(rounded) + "☆".repeat(Math.max(0, 5 - rounded));
  const label = `${average.toFixed(1)} out of 5, ${count} ${count === 1 ? "rating" : "ratings"}`;
  return html`<span class="rating" aria-label="${label}"><span class="stars" aria-hidden="true">${stars}</span> ${average.toFixed(1)} <span class="muted">(${count})</span></span>`;
}
