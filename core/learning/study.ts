import type { CourseContent, LessonContent, QuizContent } from "../ports/catalog.js";
import type { AttemptRecord, EnrollmentRecord, ProgressRecord } from "../ports/learning.js";
import type { LearningDeps } from "./learning-deps.js";

/** An enrollment together with its course's content. */
export interface Study {
  enrollment: EnrollmentRecord;
  course: CourseContent;
}

/**
 * The enrollment a command acts on: the one in `courseId` when given, else the most recently
 * active one (active enrollments before completed ones). Null when there is none.
 */
export async function findStudy(
  deps: LearningDeps,
  learnerId: string,
  courseId?: string,
): Promise<Study | null> {
  const enrollments = await deps.learning.listEnrollments(learnerId);
  const ordered = courseId
    ? enrollments.filter((e) => e.courseId === courseId)
    : [
        ...enrollments.filter((e) => e.status === "active"),
        ...enrollments.filter((e) => e.status !== "active"),
      ];
  for (const enrollment of ordered) {
    const course = await deps.courses.course(enrollment.courseId);
    if (course) return { enrollment, course };
  }
  return null;
}

/** Index of the lesson the enrollment is on; lessons.length when every lesson is done. */
export function currentLessonIndex(
  course: CourseContent,
  enrollment: EnrollmentRecord,
  progress: Map<string, ProgressRecord>,
): number {
  const byKey = course.lessons.findIndex((lesson) => lesson.key === enrollment.currentLesson);
  if (byKey >= 0) return byKey;
  // The lesson was removed by a re-import, or the learner has not started: first unfinished one.
  const open = course.lessons.findIndex((lesson) => !progress.get(lesson.id)?.completedAt);
  return open >= 0 ? open : course.lessons.length;
}

/** Progress rows of an enrollment by lesson id. */
export async function progressByLesson(
  deps: LearningDeps,
  enrollmentId: string,
): Promise<Map<string, ProgressRecord>> {
  const rows = await deps.learning.listProgress(enrollmentId);
  return new Map(rows.map((row) => [row.lessonId, row]));
}

/** Percent a quiz needs: the quiz's own threshold or the course rule's, whichever is higher. */
export function passPercentOf(course: CourseContent, quiz: QuizContent): number {
  return quiz.kind === "final"
    ? quiz.passPercent
    : Math.max(quiz.passPercent, course.completionRule.quizPassPercent);
}

/** Score of a finished attempt in whole percent. */
export function attemptPercent(attempt: { correct: number; total: number }): number {
  return attempt.total === 0 ? 100 : Math.round((attempt.correct / attempt.total) * 100);
}

/** The best finished attempt at a quiz, or null. */
export function bestAttempt(attempts: AttemptRecord[], quizId: string): AttemptRecord | null {
  let best: AttemptRecord | null = null;
  for (const attempt of attempts) {
    if (attempt.quizId !== quizId || attempt.status === "open") continue;
    if (!best || attemptPercent(attempt) > attemptPercent(best)) best = attempt;
  }
  return best;
}

/** The lesson a quiz belongs to, or null for the final exam. */
export function lessonOfQuiz(course: CourseContent, quizId: string): LessonContent | null {
  return course.lessons.find((lesson) => lesson.quiz?.id === quizId) ?? null;
}

/** The quiz with this id in a course (lesson quiz or final exam), or null. */
export function findQuiz(course: CourseContent, quizId: string): QuizContent | null {
  if (course.finalQuiz?.id === quizId) return course.finalQuiz;
  return lessonOfQuiz(course, quizId)?.quiz ?? null;
}
