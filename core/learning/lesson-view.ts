import type { Reply } from "../messages.js";
import type { LessonContent } from "../ports/catalog.js";

/** "Lesson complete" with the lesson's key points. */
export function lessonDoneReply(lesson: LessonContent): Reply {
  const points = lesson.keyPoints.length
    ? `**Key points**\n${lesson.keyPoints.map((point) => `- ${point}`).join("\n")}`
    : "";
  return { text: [`✅ **Lesson complete: ${lesson.title}**`, points].filter(Boolean).join("\n\n") };
}
