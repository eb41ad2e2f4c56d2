import type { Feature, TurnContext } from "../../conversation/command.js";
import type { Reply } from "../../messages.js";
import type { LearningDeps } from "../learning-deps.js";
import {
  answerAttempt,
  QUIZ_ANSWER_INPUT,
  retakeQuiz,
  startOrResumeQuiz,
  toggleAttemptChoice,
} from "../quiz-flow.js";
import { CLOSED_QUESTION, decodeChoices } from "../quiz-view.js";
import { answerReview, nextDueReview, toggleReviewChoice } from "../review-flow.js";
import { bestAttempt, currentLessonIndex, findStudy, progressByLesson } from "../study.js";

/** The lesson quiz (or final exam) waiting for the learner, started or resumed; null when none. */
async function pendingQuiz(deps: LearningDeps, ctx: TurnContext): Promise<Reply[] | null> {
  const study = await findStudy(deps, ctx.learner.id);
  if (!study) return null;
  const { course, enrollment } = study;
  const progress = await progressByLesson(deps, enrollment.id);
  const index = currentLessonIndex(course, enrollment, progress);
  const quiz =
    index < course.lessons.length
      ? course.lessons[index]!.quiz
      : course.completionRule.finalExam
        ? course.finalQuiz
        : null;
  if (!quiz) return null;
  const attempts = await deps.learning.listAttempts(ctx.learner.id, [quiz.id]);
  if (bestAttempt(attempts, quiz.id)) return null;
  return startOrResumeQuiz(deps, ctx, course, quiz);
}

async function quiz(deps: LearningDeps, ctx: TurnContext): Promise<Reply[]> {
  const lessonQuiz = await pendingQuiz(deps, ctx);
  if (lessonQuiz) return lessonQuiz;
  const review = await nextDueReview(deps, ctx);
  if (review)
    return [
      { text: "No lesson quiz is waiting, so here are questions you missed before." },
      review,
    ];
  return [
    {
      text: "No quiz is waiting right now and nothing is due for review. Send /next to go on with your lesson; each lesson ends with its quiz.",
    },
  ];
}

function answerArgs(args: string[]) {
  const [ref = "", questionId = "", encoded] = args;
  return { ref, questionId, choices: decodeChoices(encoded) };
}

/** `/quiz`, the answer and toggle buttons, retakes and typed answers. */
export function quizFeature(deps: LearningDeps): Feature {
  return {
    commands: [
      {
        name: "quiz",
        usage: "",
        summary: "your current quiz, or missed questions to review",
        run: (ctx) => quiz(deps, ctx),
      },
    ],
    actions: [
      {
        prefix: "qa",
        run(ctx, args) {
          const { ref, questionId, choices } = answerArgs(args);
          if (!choices) return Promise.resolve([CLOSED_QUESTION]);
          return answerAttempt(deps, ctx, ref, questionId, { choices }, true);
        },
      },
      {
        prefix: "qt",
        run(ctx, args) {
          const { ref, questionId, choices } = answerArgs(args);
          if (!choices) return Promise.resolve([CLOSED_QUESTION]);
          return toggleAttemptChoice(deps, ctx, ref, questionId, choices);
        },
      },
      {
        prefix: "sa",
        run(ctx, args) {
          const { ref, questionId, choices } = answerArgs(args);
          if (!choices) return Promise.resolve([CLOSED_QUESTION]);
          return answerReview(deps, ctx, ref, questionId, { choices }, true);
        },
      },
      {
        prefix: "st",
        run(ctx, args) {
          const { ref, questionId, choices } = answerArgs(args);
          if (!choices) return Promise.resolve([CLOSED_QUESTION]);
          return toggleReviewChoice(deps, ctx, ref, questionId, choices);
        },
      },
      { prefix: "qr", run: (ctx, [quizId = ""]) => retakeQuiz(deps, ctx, quizId) },
    ],
    textInputs: [
      {
        kind: QUIZ_ANSWER_INPUT,
        run(ctx, text, data) {
          const ref = String(data.ref ?? "");
          const questionId = String(data.questionId ?? "");
          return data.mode === "review"
            ? answerReview(deps, ctx, ref, questionId, { text }, false)
            : answerAttempt(deps, ctx, ref, questionId, { text }, false);
        },
      },
    ],
  };
}
