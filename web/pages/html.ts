/**
 * Escaped HTML building: every value interpolated into {@link html} is escaped unless it is
 * already {@link SafeHtml}, so a page cannot forget to escape a course title or a name.
 */

/** A piece of HTML that is already safe to insert. */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for use in HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

/** Marks trusted markup (built by this module) as safe. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

function interpolate(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(interpolate).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(String(value));
}

/** Tagged template that escapes every interpolated value (arrays are joined, nullish dropped). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += interpolate(values[i]) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** The URL when it is http(s), mailto or site-relative; "#" otherwise (no `javascript:`). */
export function safeUrl(url: string): string {
  const trimmed = url.trim();
  if (/^\/(?!\/)/.test(trimmed)) return trimmed;
  return /^(https?:|mailto:)/i.test(trimmed) ? trimmed : "#";
}
