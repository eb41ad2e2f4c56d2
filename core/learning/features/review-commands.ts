import type { Feature, TurnContext } from "../../conversation/command.js";
import type { Reply } from "../../messages.js";
import { bold } from "../../text/markdown.js";
import { ratingActions } from "../completion.js";
import type { LearningDeps } from "../learning-deps.js";

/** Longest review text kept. */
export const MAX_REVIEW_TEXT = 1000;
/** Longest feedback text kept. */
export const MAX_FEEDBACK_TEXT = 2000;
/** Pending-input kind while waiting for feedback text. */
export const FEEDBACK_INPUT = "feedback";

const REVIEW_USAGE =
  "Rate your course from 1 to 5, optionally with a sentence: /review 5 Clear and practical.";

async function latestCourse(deps: LearningDeps, learnerId: string, courseId?: string) {
  const enrollments = await deps.learning.listEnrollments(learnerId);
  const enrollment = courseId ? enrollments.find((e) => e.courseId === courseId) : enrollments[0];
  const course = enrollment ? await deps.courses.course(enrollment.courseId) : null;
  return enrollment && course ? { enrollment, course } : null;
}

async function saveReview(
  deps: LearningDeps,
  ctx: TurnContext,
  rating: number,
  text: string | null,
  courseId?: string,
): Promise<Reply[]> {
  const study = await latestCourse(deps, ctx.learner.id, courseId);
  if (!study) return [{ text: "Enroll in a course before reviewing it: /courses lists them." }];
  const { created } = await deps.learning.saveReview({
    courseId: study.course.id,
    learnerId: ctx.learner.id,
    rating,
    text,
    verified: study.enrollment.status === "completed",
  });
  const verb = created ? "saved" : "updated";
  return [
    {
      text: `Thanks! Your ${rating}/5 review of ${bold(study.course.title)} is ${verb}.`,
      updatesSource: courseId !== undefined,
    },
  ];
}

/** `/review` alone: star buttons for the course the learner was most recently active in. */
async function askForRating(deps: LearningDeps, ctx: TurnContext): Promise<Reply[]> {
  const study = await latestCourse(deps, ctx.learner.id);
  if (!study) return [{ text: "Enroll in a course before reviewing it: /courses lists them." }];
  const text = [
    `How would you rate ${bold(study.course.title)}?`,
    "Tap 1 to 5 stars (5 is best). To add a sentence, send /review <1-5> <text>, for example /review 5 Clear and practical. Rating again replaces your earlier review.",
  ].join("\n\n");
  return [{ text, actions: ratingActions(study.course.id) }];
}

async function review(deps: LearningDeps, ctx: TurnContext, args: string): Promise<Reply[]> {
  if (!args) return askForRating(deps, ctx);
  const match = /^(\S+)(?:\s+([\s\S]*))?$/.exec(args)!;
  if (!/^[1-5]$/.test(match[1]!)) {
    return [{ text: `"${match[1]!.slice(0, 20)}" is not a rating. ${REVIEW_USAGE}` }];
  }
  const text = (match[2] ?? "").trim();
  if (text.length > MAX_REVIEW_TEXT) {
    return [
      {
        text: `Your review is ${text.length} characters long; the limit is ${MAX_REVIEW_TEXT}. Please shorten it; nothing was saved.`,
      },
    ];
  }
  return saveReview(deps, ctx, Number(match[1]), text || null);
}

async function sendFeedback(
  deps: LearningDeps,
  ctx: TurnContext,
  text: string,
  courseId: string | null,
): Promise<Reply[]> {
  if (text.length > MAX_FEEDBACK_TEXT) {
    return [
      {
        text: `Your feedback is ${text.length} characters long; the limit is ${MAX_FEEDBACK_TEXT}. Please send it shorter; nothing was saved.`,
      },
    ];
  }
  await deps.learning.addFeedback({ learnerId: ctx.learner.id, courseId, text, at: ctx.now });
  await deps.accounts.setPending(ctx.account.id, null);
  const course = courseId ? await deps.courses.course(courseId) : null;
  const to = course ? `the instructors of ${bold(course.title)}` : "the StudyHall team";
  return [{ text: `Thank you! Your feedback was passed on to ${to}.` }];
}

async function feedback(deps: LearningDeps, ctx: TurnContext, args: string): Promise<Reply[]> {
  const study = await latestCourse(deps, ctx.learner.id);
  const courseId = study?.course.id ?? null;
  if (args) return sendFeedback(deps, ctx, args, courseId);
  await deps.accounts.setPending(ctx.account.id, {
    kind: FEEDBACK_INPUT,
    data: courseId ? { courseId } : {},
  });
  const to = study ? `the instructors of ${bold(study.course.title)}` : "the StudyHall team";
  return [
    {
      text: `What would you like to tell ${to}? Type it in one message.`,
      expectsText: { label: "Your feedback", placeholder: "What worked, what did not" },
    },
  ];
}

/** `/review`, the rating buttons and `/feedback` (with its typed text). */
export function reviewFeature(deps: LearningDeps): Feature {
  return {
    commands: [
      {
        name: "review",
        usage: "<1-5> [text]",
        summary: "rate your course",
        run: (ctx, args) => review(deps, ctx, args),
      },
      {
        name: "feedback",
        usage: "[text]",
        summary: "tell the instructors something",
        run: (ctx, args) => feedback(deps, ctx, args),
      },
    ],
    actions: [
      {
        prefix: "rt",
        run(ctx, [courseId = "", rating = ""]) {
          if (!/^[1-5]$/.test(rating)) return Promise.resolve([{ text: REVIEW_USAGE }]);
          return saveReview(deps, ctx, Number(rating), null, courseId);
        },
      },
    ],
    textInputs: [
      {
        kind: FEEDBACK_INPUT,
        run: (ctx, text, data) =>
          sendFeedback(deps, ctx, text, typeof data.courseId === "string" ? data.courseId : null),
      },
    ],
  };
}
