/** Days until a review item in box 1..5 is due again (Leitner: each box doubles the wait). */
const BOX_DAYS = [1, 2, 4, 8, 16];

const DAY_MS = 24 * 60 * 60 * 1000;

/** Highest Leitner box. */
export const TOP_BOX = BOX_DAYS.length;

/** Where a review item goes after an answer: up one box when right, back to box 1 when wrong. */
export function nextReview(box: number, correct: boolean, now: Date): { box: number; dueAt: Date } {
  const next = correct ? Math.min(TOP_BOX, box + 1) : 1;
  return { box: next, dueAt: new Date(now.getTime() + BOX_DAYS[next - 1]! * DAY_MS) };
}

/** The review entry for a question just missed in a quiz. */
export function firstReview(now: Date): { box: number; dueAt: Date } {
  return { box: 1, dueAt: new Date(now.getTime() + BOX_DAYS[0]! * DAY_MS) };
}
