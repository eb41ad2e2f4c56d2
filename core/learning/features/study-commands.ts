import type { Feature, TurnContext } from "../../conversation/command.js";
import type { Reply } from "../../messages.js";
import { judgeExercise, revealSolution } from "../exercise-flow.js";
import type { LearningDeps } from "../learning-deps.js";
import { continueCourse } from "../lesson-flow.js";
import { findStudy } from "../study.js";

const NOT_ENROLLED: Reply = {
  text: "You are not enrolled in a course yet. Send /courses to find one, then /enroll <slug>.",
  actions: [{ id: "cl", label: "Browse courses", style: "primary" }],
};

async function next(deps: LearningDeps, ctx: TurnContext, courseId?: string): Promise<Reply[]> {
  const study = await findStudy(deps, ctx.learner.id, courseId);
  if (!study)
    return courseId
      ? [{ text: "You are not enrolled in that course. Send /courses to find it and enroll." }]
      : [NOT_ENROLLED];
  return continueCourse(deps, ctx, study);
}

/** `/next` and the lesson buttons: Next, Show solution, I understood / Not yet. */
export function studyFeature(deps: LearningDeps): Feature {
  return {
    commands: [
      {
        name: "next",
        usage: "",
        summary: "the next part of your current lesson",
        run: (ctx) => next(deps, ctx),
      },
    ],
    actions: [
      { prefix: "nx", run: (ctx, [courseId]) => next(deps, ctx, courseId) },
      {
        prefix: "xs",
        run: (ctx, [courseId = "", exerciseId = ""]) =>
          revealSolution(deps, ctx, courseId, exerciseId),
      },
      {
        prefix: "xu",
        run: (ctx, [courseId = "", exerciseId = "", flag]) =>
          judgeExercise(deps, ctx, courseId, exerciseId, flag === "1"),
      },
    ],
  };
}
