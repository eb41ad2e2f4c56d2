import type { Reply } from "../messages.js";
import type { ScheduledLessonContent } from "../ports/schedule.js";

/**
 * The replies of a scheduled lesson: a heading, the parts, and what to do next. A catch-up
 * (lessons missed while away or a lesson over a day late) says so instead of "today".
 */
export function renderScheduledLesson(content: ScheduledLessonContent, catchUp: boolean): Reply[] {
  const where = `lesson ${content.lessonNumber} of ${content.lessonCount}, **${content.lessonTitle}**`;
  const heading = catchUp
    ? `**Here is where you left off** in ${content.courseTitle}: ${where}. Lessons you missed while away are merged into this one.`
    : `**Your lesson for today** in ${content.courseTitle}: ${where}.`;
  const resumed = content.firstPart > 0 ? " (continued)" : "";
  const next = content.hasQuiz
    ? "Send /quiz to test yourself on it, or /next to go on."
    : "Send /next to go on, or wait for tomorrow's lesson.";
  return [
    { text: `${heading}${resumed}` },
    ...content.parts.map((body) => ({ text: body })),
    { text: `${next} /settings changes when lessons arrive.` },
  ];
}
