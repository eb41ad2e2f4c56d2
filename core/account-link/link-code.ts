import { randomInt } from "node:crypto";

/** How long a link code can be used after it is made. */
export const LINK_CODE_TTL_MS = 10 * 60 * 1000;

/** Digits in a link code. */
export const LINK_CODE_DIGITS = 6;

/** A fresh random six-digit code ("042917"); leading zeros are kept. */
export function generateLinkCode(): string {
  return String(randomInt(0, 10 ** LINK_CODE_DIGITS)).padStart(LINK_CODE_DIGITS, "0");
}

/**
 * The code a learner typed, tolerating the spaces and dashes people add when copying
 * ("123 456", "123-456"); null when it is not six digits.
 */
export function normalizeLinkCode(text: string): string | null {
  const compact = text.replace(/[\s-]/g, "");
  return new RegExp(`^\\d{${LINK_CODE_DIGITS}}$`).test(compact) ? compact : null;
}
