import { actionId } from "../conversation/action-id.js";
import type { TurnContext } from "../conversation/command.js";
import { newId } from "../ids.js";
import type { Reply } from "../messages.js";
import type { CourseContent, LessonContent, QuizContent } from "../ports/catalog.js";
import type { AttemptRecord } from "../ports/learning.js";
import { bold } from "../text/markdown.js";
import { type CourseStanding, completeCourse, loadStanding } from "./completion.js";
import { type AnswerInputValue, gradeAnswer } from "./grade-answer.js";
import type { LearningDeps } from "./learning-deps.js";
import { firstReview } from "./leitner.js";
import { lessonDoneReply } from "./lesson-view.js";
import { waitForAnswer } from "./pending-answer.js";
import {
  CLOSED_QUESTION,
  type QuestionTarget,
  renderFeedback,
  renderQuestion,
  validSelection,
} from "./quiz-view.js";
import {
  attemptPercent,
  findQuiz,
  findStudy,
  lessonOfQuiz,
  passPercentOf,
  type Study,
} from "./study.js";

/** Index of the first unanswered question of an attempt, or -1 when all are answered. */
export function currentQuestionIndex(quiz: QuizContent, attempt: AttemptRecord): number {
  const answered = new Set(attempt.answers.map((answer) => answer.questionId));
  return quiz.questions.findIndex((question) => !answered.has(question.id));
}

/** "Quiz: <lesson>" or "Final exam: <course>". */
export function quizTitle(course: CourseContent, quiz: QuizContent): string {
  const lesson = lessonOfQuiz(course, quiz.id);
  return lesson ? `Quiz: ${lesson.title}` : `Final exam: ${course.title}`;
}

/** Shows question `index` of an attempt. */
export async function askQuestion(
  deps: LearningDeps,
  ctx: TurnContext,
  course: CourseContent,
  quiz: QuizContent,
  attemptId: string,
  index: number,
): Promise<Reply> {
  const question = quiz.questions[index]!;
  const target: QuestionTarget = { mode: "attempt", ref: attemptId };
  await waitForAnswer(deps, ctx, { mode: "attempt", ref: attemptId });
  const heading = `${bold(quizTitle(course, quiz))} · question ${index + 1} of ${quiz.questions.length}`;
  return renderQuestion(heading, question, target);
}

/** Shows the current question of an open attempt, or finishes it when all are answered. */
export async function resumeAttempt(
  deps: LearningDeps,
  ctx: TurnContext,
  course: CourseContent,
  quiz: QuizContent,
  attempt: AttemptRecord,
): Promise<Reply[]> {
  const index = currentQuestionIndex(quiz, attempt);
  if (index >= 0) return [await askQuestion(deps, ctx, course, quiz, attempt.id, index)];
  // Every question was answered but the attempt was not closed (a crash in between).
  return finishQuiz(deps, ctx, course, quiz, attempt);
}

/** Resumes the learner's open attempt at a quiz, or starts a new one. */
export async function startOrResumeQuiz(
  deps: LearningDeps,
  ctx: TurnContext,
  course: CourseContent,
  quiz: QuizContent,
): Promise<Reply[]> {
  const attempts = await deps.learning.listAttempts(ctx.learner.id, [quiz.id]);
  const open = attempts.find((attempt) => attempt.status === "open");
  if (open) return resumeAttempt(deps, ctx, course, quiz, open);
  const id = newId();
  await deps.learning.createAttempt({
    id,
    learnerId: ctx.learner.id,
    quizId: quiz.id,
    total: quiz.questions.length,
    at: ctx.now,
  });
  const intro: Reply = {
    text: `${bold(quizTitle(course, quiz))}: ${quiz.questions.length} question${quiz.questions.length === 1 ? "" : "s"}, you need ${passPercentOf(course, quiz)}% to pass.`,
  };
  return [intro, await askQuestion(deps, ctx, course, quiz, id, 0)];
}

/** The attempt and its current question when that is `questionId`; null otherwise. */
async function currentOf(
  deps: LearningDeps,
  ctx: TurnContext,
  attemptId: string,
  questionId: string,
  fresh: boolean,
) {
  const attempt = await deps.learning.findAttempt(attemptId, fresh);
  if (!attempt || attempt.learnerId !== ctx.learner.id || attempt.status !== "open") return null;
  const course = await deps.courses.courseOfQuiz(attempt.quizId);
  const quiz = course ? findQuiz(course, attempt.quizId) : null;
  const question = quiz?.questions[currentQuestionIndex(quiz, attempt)];
  if (!course || !quiz || question?.id !== questionId) return null;
  return { attempt, course, quiz, question };
}

/**
 * A typed answer to whichever question of the attempt is current, read fresh so that a
 * button pressed in another process is seen; grading and counting are the button's.
 */
export async function answerAttemptTyped(
  deps: LearningDeps,
  ctx: TurnContext,
  attemptId: string,
  text: string,
): Promise<Reply[]> {
  const attempt = await deps.learning.findAttempt(attemptId, true);
  if (!attempt || attempt.learnerId !== ctx.learner.id || attempt.status !== "open") {
    return [CLOSED_QUESTION];
  }
  const course = await deps.courses.courseOfQuiz(attempt.quizId);
  const quiz = course ? findQuiz(course, attempt.quizId) : null;
  const question = quiz?.questions[currentQuestionIndex(quiz, attempt)];
  if (!question) return [CLOSED_QUESTION];
  return answerAttempt(deps, ctx, attemptId, question.id, { text }, false);
}

/** Answers the current question of an attempt; anything else is a closed question. */
export async function answerAttempt(
  deps: LearningDeps,
  ctx: TurnContext,
  attemptId: string,
  questionId: string,
  input: AnswerInputValue,
  viaButton: boolean,
): Promise<Reply[]> {
  // Memory first; a mismatch may only mean another process moved the attempt on.
  const open =
    (await currentOf(deps, ctx, attemptId, questionId, false)) ??
    (await currentOf(deps, ctx, attemptId, questionId, true));
  if (!open) return [CLOSED_QUESTION];
  const { attempt, course, quiz, question } = open;

  const graded = gradeAnswer(question, input);
  if (!graded.ok) return [{ text: graded.problem }];
  const outcome = await deps.learning.recordAnswer({
    id: newId(),
    attemptId,
    questionId,
    learnerId: ctx.learner.id,
    response: graded.response,
    correct: graded.correct,
    at: ctx.now,
    review: graded.correct ? undefined : firstReview(ctx.now),
  });
  if (outcome === "duplicate") return [CLOSED_QUESTION];
  await deps.activity.record(ctx.learner.id, ctx.learner.timeZone, ctx.now);

  const feedback = renderFeedback(question, graded.correct, viaButton);
  const answered: AttemptRecord = {
    ...attempt,
    correct: attempt.correct + (graded.correct ? 1 : 0),
    answers: [...attempt.answers, { questionId, correct: graded.correct }],
  };
  const next = currentQuestionIndex(quiz, answered);
  if (next >= 0) return [feedback, await askQuestion(deps, ctx, course, quiz, attemptId, next)];
  return [feedback, ...(await finishQuiz(deps, ctx, course, quiz, answered))];
}

/**
 * Keeps the lesson's best quiz score in its progress and marks the lesson complete when
 * everything in it is done; returns the "lesson complete" reply the first time.
 */
async function recordQuizScore(
  deps: LearningDeps,
  ctx: TurnContext,
  study: Study,
  standing: CourseStanding,
  lesson: LessonContent,
  attempt: AttemptRecord,
): Promise<Reply | null> {
  const old = standing.progress.get(lesson.id);
  const better =
    !old?.quizTotal ||
    attemptPercent(attempt) >=
      attemptPercent({ correct: old.quizCorrect ?? 0, total: old.quizTotal });
  const done = standing.lessonsDone.has(lesson.id);
  await deps.learning.saveProgress(study.enrollment.id, {
    lessonId: lesson.id,
    partsSeen: old?.partsSeen ?? 0,
    partsTotal: lesson.parts.length,
    quizCorrect: better ? attempt.correct : (old?.quizCorrect ?? null),
    quizTotal: better ? attempt.total : (old?.quizTotal ?? null),
    completedAt: old?.completedAt ?? (done ? ctx.now : null),
  });
  return done && !old?.completedAt ? lessonDoneReply(lesson) : null;
}

function quizSummary(course: CourseContent, quiz: QuizContent, attempt: AttemptRecord): Reply {
  const percent = attemptPercent(attempt);
  const need = passPercentOf(course, quiz);
  const verdict =
    percent >= need ? "Passed ✅" : `You need ${need}% to pass; retake it whenever you are ready.`;
  return {
    text: `**Quiz finished: ${attempt.correct} of ${attempt.total} right (${percent}%).** ${verdict}`,
    actions:
      percent >= need
        ? [{ id: actionId("nx", course.id), label: "Next", style: "primary" }]
        : [
            { id: actionId("qr", quiz.id), label: "Retake quiz", style: "primary" },
            { id: actionId("nx", course.id), label: "Continue" },
          ],
  };
}

/** Closes an attempt, records the score in the lesson's progress and says what is next. */
async function finishQuiz(
  deps: LearningDeps,
  ctx: TurnContext,
  course: CourseContent,
  quiz: QuizContent,
  attempt: AttemptRecord,
): Promise<Reply[]> {
  const passed = attemptPercent(attempt) >= passPercentOf(course, quiz);
  const status = passed ? "passed" : "failed";
  await deps.learning.finishAttempt(attempt.id, status, attempt.correct, ctx.now);
  await waitForAnswer(deps, ctx, null);
  const study = await findStudy(deps, ctx.learner.id, course.id);
  // Loaded after the attempt was closed, so it already counts this attempt.
  const standing = study ? await loadStanding(deps, study) : null;
  const lesson = lessonOfQuiz(course, quiz.id);
  const lessonDone =
    study && standing && lesson
      ? await recordQuizScore(deps, ctx, study, standing, lesson, attempt)
      : null;
  const completion =
    study && passed && standing?.complete ? await completeCourse(deps, ctx, study) : [];

  const summary = quizSummary(course, quiz, attempt);
  // The buttons go under the last message, and are moot once the course is complete.
  const actions = completion.length ? undefined : summary.actions;
  return lessonDone
    ? [{ text: summary.text }, { ...lessonDone, actions }, ...completion]
    : [{ ...summary, actions }, ...completion];
}

/** Starts a new attempt at a quiz whose best score is below the pass mark. */
export async function retakeQuiz(
  deps: LearningDeps,
  ctx: TurnContext,
  quizId: string,
): Promise<Reply[]> {
  const course = await deps.courses.courseOfQuiz(quizId);
  const quiz = course ? findQuiz(course, quizId) : null;
  if (!course || !quiz) return [{ text: "That quiz no longer exists. Send /next to continue." }];
  const attempts = await deps.learning.listAttempts(ctx.learner.id, [quizId]);
  const passed = attempts.find(
    (attempt) =>
      attempt.status !== "open" && attemptPercent(attempt) >= passPercentOf(course, quiz),
  );
  if (passed) {
    return [
      {
        text: `You already passed this quiz with ${attemptPercent(passed)}%. Send /next to continue.`,
        actions: [{ id: actionId("nx", course.id), label: "Next" }],
      },
    ];
  }
  return startOrResumeQuiz(deps, ctx, course, quiz);
}

/** Re-renders a multiple-answer question with a new selection (toggle buttons). */
export async function toggleAttemptChoice(
  deps: LearningDeps,
  ctx: TurnContext,
  attemptId: string,
  questionId: string,
  selection: number[],
): Promise<Reply[]> {
  const attempt = await deps.learning.findAttempt(attemptId);
  if (!attempt || attempt.learnerId !== ctx.learner.id || attempt.status !== "open") {
    return [CLOSED_QUESTION];
  }
  const course = await deps.courses.courseOfQuiz(attempt.quizId);
  const quiz = course ? findQuiz(course, attempt.quizId) : null;
  const index = quiz ? currentQuestionIndex(quiz, attempt) : -1;
  const question = quiz?.questions[index];
  if (!course || !quiz || question?.id !== questionId) return [CLOSED_QUESTION];
  // Touching the question (after a command cleared the wait, say) makes typing work again.
  await waitForAnswer(deps, ctx, { mode: "attempt", ref: attemptId });
  const heading = `${bold(quizTitle(course, quiz))} · question ${index + 1} of ${quiz.questions.length}`;
  const target: QuestionTarget = { mode: "attempt", ref: attemptId };
  const valid = validSelection(question, selection);
  return [{ ...renderQuestion(heading, question, target, valid), updatesSource: true }];
}
