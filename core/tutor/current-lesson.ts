import type { CourseCache } from "../learning/course-cache.js";
import { currentLessonIndex } from "../learning/study.js";
import type { CourseContent, LessonContent } from "../ports/catalog.js";
import type { LearningStore } from "../ports/learning.js";

/** The lesson a learner is on, with its course. */
export interface CurrentLesson {
  course: CourseContent;
  lesson: LessonContent;
}

/** What {@link findCurrentLesson} reads. */
export interface LessonLookup {
  learning: LearningStore;
  courses: CourseCache;
}

/**
 * The lesson of the learner's most recently active enrollment (active ones first): the one
 * they are on, or the last lesson when the course is finished. Null when not enrolled.
 */
export async function findCurrentLesson(
  lookup: LessonLookup,
  learnerId: string,
): Promise<CurrentLesson | null> {
  const enrollments = await lookup.learning.listEnrollments(learnerId);
  const ordered = [
    ...enrollments.filter((e) => e.status === "active"),
    ...enrollments.filter((e) => e.status !== "active"),
  ];
  for (const enrollment of ordered) {
    const course = await lookup.courses.course(enrollment.courseId);
    if (!course || course.lessons.length === 0) continue;
    const rows = await lookup.learning.listProgress(enrollment.id);
    const progress = new Map(rows.map((row) => [row.lessonId, row]));
    const index = currentLessonIndex(course, enrollment, progress);
    return { course, lesson: course.lessons[Math.min(index, course.lessons.length - 1)]! };
  }
  return null;
}

/** The text the tutor reads about a lesson: objectives, every part and the key points. */
export function lessonText(lesson: LessonContent): string {
  const list = (title: string, items: string[]) =>
    items.length ? `${title}:\n${items.map((item) => `- ${item}`).join("\n")}` : "";
  return [
    list("Objectives", lesson.objectives),
    ...lesson.parts,
    list("Key points", lesson.keyPoints),
  ]
    .filter(Boolean)
    .join("\n\n");
}
