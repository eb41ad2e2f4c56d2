import { actionId } from "../conversation/action-id.js";
import type { TurnContext } from "../conversation/command.js";
import type { Reply } from "../messages.js";
import { bold } from "../text/markdown.js";
import { type CourseStanding, completeCourse, loadStanding } from "./completion.js";
import { presentExercise } from "./exercise-flow.js";
import type { LearningDeps } from "./learning-deps.js";
import { lessonDoneReply } from "./lesson-view.js";
import { startOrResumeQuiz } from "./quiz-flow.js";
import { bestAttempt, currentLessonIndex, passPercentOf, type Study } from "./study.js";

/** Shows the next unseen part of a lesson and counts it as seen. */
async function showPart(
  deps: LearningDeps,
  ctx: TurnContext,
  study: Study,
  index: number,
  standing: CourseStanding,
): Promise<Reply> {
  const { course, enrollment } = study;
  const lesson = course.lessons[index]!;
  const old = standing.progress.get(lesson.id);
  const seen = old?.partsSeen ?? 0;
  await deps.learning.saveProgress(enrollment.id, {
    lessonId: lesson.id,
    partsSeen: seen + 1,
    partsTotal: lesson.parts.length,
    quizCorrect: old?.quizCorrect ?? null,
    quizTotal: old?.quizTotal ?? null,
    completedAt: old?.completedAt ?? null,
  });
  await deps.learning.savePosition(enrollment.id, lesson.key, seen + 1, ctx.now);
  await deps.activity.record(ctx.learner.id, ctx.learner.timeZone, ctx.now);
  const heading = `${bold(`Lesson ${index + 1} of ${course.lessons.length}: ${lesson.title}`)} · part ${seen + 1} of ${lesson.parts.length}`;
  const objectives =
    seen === 0 && lesson.objectives.length
      ? `_You will learn to:_\n${lesson.objectives.map((o) => `- ${o}`).join("\n")}`
      : "";
  return {
    text: [heading, objectives, lesson.parts[seen]!].filter(Boolean).join("\n\n"),
    actions: [{ id: actionId("nx", course.id), label: "Next", style: "primary" }],
  };
}

/** The next thing to do in a lesson (a part, an exercise, its quiz), or null when it is done. */
async function lessonStep(
  deps: LearningDeps,
  ctx: TurnContext,
  study: Study,
  index: number,
  standing: CourseStanding,
): Promise<Reply[] | null> {
  const lesson = study.course.lessons[index]!;
  if ((standing.progress.get(lesson.id)?.partsSeen ?? 0) < lesson.parts.length) {
    return [await showPart(deps, ctx, study, index, standing)];
  }
  const exercise = lesson.exercises.find(
    (e) => (standing.exercises.get(e.id)?.understood ?? null) === null,
  );
  if (exercise) {
    const result = standing.exercises.get(exercise.id);
    return [await presentExercise(deps, ctx, study.course, lesson, exercise, result)];
  }
  if (lesson.quiz && !bestAttempt(standing.attempts, lesson.quiz.id)) {
    return startOrResumeQuiz(deps, ctx, study.course, lesson.quiz);
  }
  return null;
}

/** Marks a finished lesson complete and moves the enrollment on; a reply the first time only. */
async function closeLesson(
  deps: LearningDeps,
  ctx: TurnContext,
  study: Study,
  index: number,
  standing: CourseStanding,
): Promise<Reply | null> {
  const { course, enrollment } = study;
  const lesson = course.lessons[index]!;
  const next = course.lessons[index + 1];
  const old = standing.progress.get(lesson.id);
  if (next) await deps.learning.savePosition(enrollment.id, next.key, 0, ctx.now);
  if (old?.completedAt) return null;
  await deps.learning.saveProgress(enrollment.id, {
    lessonId: lesson.id,
    partsSeen: old?.partsSeen ?? lesson.parts.length,
    partsTotal: lesson.parts.length,
    quizCorrect: old?.quizCorrect ?? null,
    quizTotal: old?.quizTotal ?? null,
    completedAt: ctx.now,
  });
  await deps.catalog.recordEvent({
    name: "lesson_complete",
    learnerId: ctx.learner.id,
    courseId: course.id,
    props: { lesson: lesson.key },
    at: ctx.now,
  });
  return lessonDoneReply(lesson);
}

/** After the last lesson: the certificate, the quizzes still to pass, or the final exam. */
async function courseEnd(
  deps: LearningDeps,
  ctx: TurnContext,
  study: Study,
  standing: CourseStanding,
): Promise<Reply[]> {
  const { course } = study;
  if (standing.complete) return completeCourse(deps, ctx, study);
  if (standing.belowPass.length > 0) {
    const list = standing.belowPass.map((quiz) => {
      const lesson = course.lessons.find((l) => l.quiz?.id === quiz.id);
      return `- ${lesson?.title ?? quiz.key} (you need ${passPercentOf(course, quiz)}%)`;
    });
    return [
      {
        text: `You have worked through every lesson of ${course.title}. To complete it, pass these quizzes:\n${list.join("\n")}`,
        actions: standing.belowPass.map((quiz) => ({
          id: actionId("qr", quiz.id),
          label: `Retake: ${(course.lessons.find((l) => l.quiz?.id === quiz.id)?.title ?? quiz.key).slice(0, 50)}`,
        })),
      },
    ];
  }
  if (course.finalQuiz) return startOrResumeQuiz(deps, ctx, course, course.finalQuiz);
  return [{ text: `You have worked through every lesson of ${course.title}.` }];
}

/** `/next`: the next part, exercise or quiz of the enrollment, then the next lesson, then the end. */
export async function continueCourse(
  deps: LearningDeps,
  ctx: TurnContext,
  study: Study,
): Promise<Reply[]> {
  if (study.course.lessons.length === 0) {
    return [{ text: `${study.course.title} has no lessons yet. Please come back later.` }];
  }
  const standing = await loadStanding(deps, study);
  let index = currentLessonIndex(study.course, study.enrollment, standing.progress);
  const replies: Reply[] = [];
  while (index < study.course.lessons.length) {
    const step = await lessonStep(deps, ctx, study, index, standing);
    if (step) return [...replies, ...step];
    const closed = await closeLesson(deps, ctx, study, index, standing);
    if (closed) replies.push(closed);
    index++;
  }
  return [...replies, ...(await courseEnd(deps, ctx, study, standing))];
}
