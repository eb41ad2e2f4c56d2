import type { LessonContent } from "../ports/catalog.js";
import { bold } from "../text/markdown.js";
import { durationUntil, type LocalDay } from "./local-day.js";

/** Longest question the tutor takes, in characters. */
export const MAX_QUESTION_CHARS = 1_000;

/** The lesson's key points as a Markdown list, or a pointer to /next when it has none. */
export function keyPointsText(lesson: LessonContent): string {
  if (lesson.keyPoints.length === 0) {
    return `${bold(lesson.title)} lists no key points; /next continues the lesson.`;
  }
  const points = lesson.keyPoints.map((point) => `- ${point}`).join("\n");
  return `Key points of ${bold(lesson.title)}:\n${points}`;
}

/** `/ask` on a server without a tutor: what an admin sets, and the key points instead. */
export function notConfiguredText(lesson: LessonContent | null): string {
  return [
    "The tutor is not configured on this server. An admin enables it by setting `OPENAI_API_KEY` (and `OPENAI_BASE_URL` and `OPENAI_MODEL` for another OpenAI-compatible server), then restarting StudyHall.",
    lesson ? keyPointsText(lesson) : "Meanwhile, /courses finds a course to study.",
  ].join("\n\n");
}

/** The daily budget is used up: how many, when it resets, and the key points instead. */
export function budgetUsedText(
  limit: number,
  now: Date,
  day: LocalDay,
  lesson: LessonContent,
): string {
  return [
    `You have asked all ${limit} tutor questions for today. They reset at midnight your time (${day.zone}), in ${durationUntil(now, day.resetsAt)}.`,
    keyPointsText(lesson),
  ].join("\n\n");
}

/** The line under an answer: questions left today. */
export function questionsLeftText(limit: number, used: number): string {
  const left = Math.max(0, limit - used);
  return `_${left} of ${limit} tutor question${limit === 1 ? "" : "s"} left today._`;
}

/** `/ask` with no question: what to send next. */
export function askPromptText(lesson: LessonContent): string {
  return `What is your question about ${bold(lesson.title)}? Send it as your next message.`;
}

/** A question over {@link MAX_QUESTION_CHARS}. */
export function tooLongText(length: number): string {
  return `Your question is ${length} characters long; the tutor takes at most ${MAX_QUESTION_CHARS}. Please ask it more briefly.`;
}

/** `/ask` before enrolling. */
export const NOT_ENROLLED_TEXT =
  "The tutor answers questions about the lesson you are studying, and you are not enrolled in a course yet. Send /courses to find one, then /enroll <slug>.";
