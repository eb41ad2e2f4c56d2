import { actionId } from "../conversation/action-id.js";
import type { TurnContext } from "../conversation/command.js";
import type { Action, Reply } from "../messages.js";
import type { CourseContent, ExerciseContent, LessonContent } from "../ports/catalog.js";
import type { ExerciseResultRecord } from "../ports/learning.js";
import { bold } from "../text/markdown.js";
import type { LearningDeps } from "./learning-deps.js";
import { continueCourse } from "./lesson-flow.js";
import { findStudy, type Study } from "./study.js";

function judgeActions(courseId: string, exerciseId: string): Action[] {
  return [
    { id: actionId("xu", courseId, exerciseId, 1), label: "I understood", style: "primary" },
    { id: actionId("xu", courseId, exerciseId, 0), label: "Not yet" },
  ];
}

/** Shows an exercise's prompt, recording that the learner has seen it (the solution needs that). */
export async function presentExercise(
  deps: LearningDeps,
  ctx: TurnContext,
  course: CourseContent,
  lesson: LessonContent,
  exercise: ExerciseContent,
  result: ExerciseResultRecord | undefined,
): Promise<Reply> {
  if (!result) {
    await deps.learning.saveExerciseResult(ctx.learner.id, {
      exerciseId: exercise.id,
      revealedAt: null,
      understood: null,
    });
  }
  const hasSolution = Boolean(exercise.solution);
  const revealed = Boolean(result?.revealedAt);
  const hint = hasSolution && !revealed ? "Try it yourself first, then open the solution." : "";
  const text = [bold(`Exercise (${lesson.title}): ${exercise.title}`), exercise.prompt, hint]
    .filter(Boolean)
    .join("\n\n");
  const actions =
    hasSolution && !revealed
      ? [{ id: actionId("xs", course.id, exercise.id), label: "Show solution" }]
      : judgeActions(course.id, exercise.id);
  return { text, actions };
}

function locate(course: CourseContent, exerciseId: string) {
  for (const lesson of course.lessons) {
    const exercise = lesson.exercises.find((e) => e.id === exerciseId);
    if (exercise) return { lesson, exercise };
  }
  return null;
}

const GONE: Reply = {
  text: "That exercise is not part of a course you are enrolled in any more. Send /next to continue.",
};

type LoadedExercise =
  | { problem: Reply }
  | {
      study: Study;
      lesson: LessonContent;
      exercise: ExerciseContent;
      result: ExerciseResultRecord | undefined;
    };

/** The exercise behind a button, or the reply saying why there is none. */
async function loadExercise(
  deps: LearningDeps,
  ctx: TurnContext,
  courseId: string,
  id: string,
): Promise<LoadedExercise> {
  const study = await findStudy(deps, ctx.learner.id, courseId);
  if (!study) return { problem: await notEnrolled(deps, courseId) };
  const found = locate(study.course, id);
  if (!found) return { problem: GONE };
  const [result] = await deps.learning.listExerciseResults(ctx.learner.id, [id]);
  return { study, ...found, result };
}

async function notEnrolled(deps: LearningDeps, courseId: string): Promise<Reply> {
  const text = "You are not enrolled in that course; send /courses to find it.";
  const course = courseId ? await deps.courses.course(courseId) : null;
  if (!course) return { text };
  return { text, actions: [{ id: actionId("co", course.id), label: course.title.slice(0, 60) }] };
}

/**
 * The exercise behind a Show solution / I understood button, once its prompt has been shown;
 * otherwise the replies to send instead (the problem, or the prompt first).
 */
async function loadTriedExercise(
  deps: LearningDeps,
  ctx: TurnContext,
  courseId: string,
  exerciseId: string,
): Promise<
  | { replies: Reply[] }
  | (Exclude<LoadedExercise, { problem: Reply }> & { result: ExerciseResultRecord })
> {
  const found = await loadExercise(deps, ctx, courseId, exerciseId);
  if ("problem" in found) return { replies: [found.problem] };
  const { study, lesson, exercise, result } = found;
  if (!result) {
    const prompt = await presentExercise(deps, ctx, study.course, lesson, exercise, undefined);
    return { replies: [{ text: "Have a go at the exercise first; here it is." }, prompt] };
  }
  return { ...found, result };
}

/** "Show solution": only after the prompt was shown; otherwise the prompt comes first. */
export async function revealSolution(
  deps: LearningDeps,
  ctx: TurnContext,
  courseId: string,
  exerciseId: string,
): Promise<Reply[]> {
  const found = await loadTriedExercise(deps, ctx, courseId, exerciseId);
  if ("replies" in found) return found.replies;
  const { exercise, result } = found;
  await deps.learning.saveExerciseResult(ctx.learner.id, {
    exerciseId,
    revealedAt: result.revealedAt ?? ctx.now,
    understood: result.understood,
  });
  const text = [
    bold(`Solution: ${exercise.title}`),
    exercise.solution ?? "This exercise has no written solution.",
    "Did you understand it?",
  ].join("\n\n");
  return [{ text, actions: judgeActions(courseId, exerciseId) }];
}

/** "I understood" / "Not yet": records the learner's judgement and moves on. */
export async function judgeExercise(
  deps: LearningDeps,
  ctx: TurnContext,
  courseId: string,
  exerciseId: string,
  understood: boolean,
): Promise<Reply[]> {
  const found = await loadTriedExercise(deps, ctx, courseId, exerciseId);
  if ("replies" in found) return found.replies;
  const { study, result } = found;
  await deps.learning.saveExerciseResult(ctx.learner.id, {
    exerciseId,
    revealedAt: result.revealedAt,
    understood,
  });
  const note = understood
    ? "Noted: understood ✅"
    : "Noted. It is fine not to get everything at once: come back to it later.";
  // A second press only updates the judgement; the course already moved on after the first.
  if (result.understood !== null) return [{ text: note, updatesSource: true }];
  await deps.activity.record(ctx.learner.id, ctx.learner.timeZone, ctx.now);
  return [{ text: note }, ...(await continueCourse(deps, ctx, study))];
}
