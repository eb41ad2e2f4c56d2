import type { Feature, TurnContext } from "../../conversation/command.js";
import type { Reply } from "../../messages.js";
import type { LearningDeps } from "../learning-deps.js";
import {
  chooseOpenQuiz,
  listOpenQuizzes,
  nothingWaiting,
  resumeOpenQuiz,
} from "../open-quizzes.js";
import { QUIZ_ANSWER_INPUT } from "../pending-answer.js";
import {
  answerAttempt,
  answerAttemptTyped,
  resumeAttempt,
  retakeQuiz,
  startOrResumeQuiz,
  toggleAttemptChoice,
} from "../quiz-flow.js";
import { decodeChoices } from "../quiz-view.js";
import { answerReview, nextDueReview, toggleReviewChoice } from "../review-flow.js";
import {
  bestAttempt,
  currentLessonIndex,
  findStudy,
  progressByLesson,
  type Study,
} from "../study.js";

/** The current lesson's quiz (or final exam) not taken yet, started; null when none. */
async function pendingQuiz(
  deps: LearningDeps,
  ctx: TurnContext,
  study: Study | null,
): Promise<Reply[] | null> {
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

/**
 * `/quiz`: an open attempt in any course first (a choice when several are open), then the
 * current lesson's quiz, then due reviews.
 */
async function quiz(deps: LearningDeps, ctx: TurnContext): Promise<Reply[]> {
  const open = await listOpenQuizzes(deps, ctx.learner.id);
  if (open.length > 1) return [chooseOpenQuiz(open)];
  if (open.length === 1) {
    const { course, quiz, attempt } = open[0]!;
    return resumeAttempt(deps, ctx, course, quiz, attempt);
  }
  const study = await findStudy(deps, ctx.learner.id);
  const lessonQuiz = await pendingQuiz(deps, ctx, study);
  if (lessonQuiz) return lessonQuiz;
  const review = await nextDueReview(deps, ctx);
  if (review)
    return [
      { text: "No lesson quiz is waiting, so here are questions you missed before." },
      review,
    ];
  return [nothingWaiting(study)];
}

function answerArgs(args: string[]) {
  const [ref = "", questionId = "", encoded] = args;
  return { ref, questionId, choices: decodeChoices(encoded) };
}

/** Where typed text goes: the pending review question, or the attempt's current question. */
function answerTyped(
  deps: LearningDeps,
  ctx: TurnContext,
  text: string,
  data: Record<string, string | number | boolean>,
): Promise<Reply[]> {
  const ref = String(data.ref ?? "");
  const questionId = typeof data.questionId === "string" ? data.questionId : null;
  if (data.mode === "review")
    return answerReview(deps, ctx, ref, questionId ?? "", { text }, false);
  // Waits written before attempts were waited on as a whole still name their question.
  return questionId
    ? answerAttempt(deps, ctx, ref, questionId, { text }, false)
    : answerAttemptTyped(deps, ctx, ref, text);
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
          return answerAttempt(deps, ctx, ref, questionId, { choices }, true);
        },
      },
      {
        prefix: "qt",
        run(ctx, args) {
          const { ref, questionId, choices } = answerArgs(args);
          return toggleAttemptChoice(deps, ctx, ref, questionId, choices);
        },
      },
      {
        prefix: "sa",
        run(ctx, args) {
          const { ref, questionId, choices } = answerArgs(args);
          return answerReview(deps, ctx, ref, questionId, { choices }, true);
        },
      },
      {
        prefix: "st",
        run(ctx, args) {
          const { ref, questionId, choices } = answerArgs(args);
          return toggleReviewChoice(deps, ctx, ref, questionId, choices);
        },
      },
      { prefix: "qr", run: (ctx, [quizId = ""]) => retakeQuiz(deps, ctx, quizId) },
      { prefix: "qo", run: (ctx, [attemptId = ""]) => resumeOpenQuiz(deps, ctx, attemptId) },
    ],
    textInputs: [
      {
        kind: QUIZ_ANSWER_INPUT,
        run: (ctx, text, data) => answerTyped(deps, ctx, text, data),
      },
    ],
  };
}
