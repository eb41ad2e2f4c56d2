import type { TurnContext } from "../conversation/command.js";
import type { Reply } from "../messages.js";
import type { CourseContent, QuestionContent } from "../ports/catalog.js";
import { bold } from "../text/markdown.js";
import { type AnswerInputValue, gradeAnswer } from "./grade-answer.js";
import type { LearningDeps } from "./learning-deps.js";
import { nextReview } from "./leitner.js";
import { waitForAnswer } from "./pending-answer.js";
import { CLOSED_QUESTION, renderFeedback, renderQuestion, validSelection } from "./quiz-view.js";
import { findQuiz } from "./study.js";

/** Finds a question and its course and quiz among the learner's courses, by its quiz id. */
async function locate(deps: LearningDeps, quizId: string, questionId: string) {
  const course = await deps.courses.courseOfQuiz(quizId);
  const quiz = course ? findQuiz(course, quizId) : null;
  const question = quiz?.questions.find((q) => q.id === questionId);
  return course && quiz && question ? { course, quizId, question } : null;
}

async function findQuestionCourse(
  deps: LearningDeps,
  learnerId: string,
  questionId: string,
): Promise<{ course: CourseContent; quizId: string; question: QuestionContent } | null> {
  for (const enrollment of await deps.learning.listEnrollments(learnerId)) {
    const course = await deps.courses.course(enrollment.courseId);
    const quizzes = [
      ...(course?.lessons.flatMap((l) => (l.quiz ? [l.quiz] : [])) ?? []),
      ...(course?.finalQuiz ? [course.finalQuiz] : []),
    ];
    for (const quiz of quizzes) {
      const question = quiz.questions.find((q) => q.id === questionId);
      if (course && question) return { course, quizId: quiz.id, question };
    }
  }
  return null;
}

/** The first due review question, or null when nothing is due. */
export async function nextDueReview(deps: LearningDeps, ctx: TurnContext): Promise<Reply | null> {
  const due = await deps.learning.listDueReviews(ctx.learner.id, ctx.now, 20);
  for (const item of due) {
    const found = await findQuestionCourse(deps, ctx.learner.id, item.questionId);
    if (!found) continue;
    const target = { mode: "review" as const, ref: found.quizId };
    await waitForAnswer(deps, ctx, { ...target, questionId: found.question.id });
    const heading = `${bold(`Review (${found.course.title})`)} · ${due.length} due`;
    return renderQuestion(heading, found.question, target);
  }
  return null;
}

/** Answers a due review question: right moves it up a Leitner box, wrong back to box 1. */
export async function answerReview(
  deps: LearningDeps,
  ctx: TurnContext,
  quizId: string,
  questionId: string,
  input: AnswerInputValue,
  viaButton: boolean,
): Promise<Reply[]> {
  const item = await deps.learning.findReviewItem(ctx.learner.id, questionId);
  if (!item || item.dueAt > ctx.now) return [CLOSED_QUESTION];
  const found = await locate(deps, quizId, questionId);
  if (!found) return [CLOSED_QUESTION];
  const graded = gradeAnswer(found.question, input);
  if (!graded.ok) return [{ text: graded.problem }];
  const moved = await deps.learning.rescheduleReview(
    ctx.learner.id,
    questionId,
    ctx.now,
    nextReview(item.box, graded.correct, ctx.now),
  );
  if (!moved) return [CLOSED_QUESTION];
  await deps.activity.record(ctx.learner.id, ctx.learner.timeZone, ctx.now);
  const feedback = renderFeedback(found.question, graded.correct, viaButton);
  const next = await nextDueReview(deps, ctx);
  if (next) return [feedback, next];
  await waitForAnswer(deps, ctx, null);
  return [feedback, { text: "That was the last review due today. Send /next to go on learning." }];
}

/** Re-renders a due multiple-answer review question with a new selection. */
export async function toggleReviewChoice(
  deps: LearningDeps,
  ctx: TurnContext,
  quizId: string,
  questionId: string,
  selection: number[],
): Promise<Reply[]> {
  const item = await deps.learning.findReviewItem(ctx.learner.id, questionId);
  const found = item && item.dueAt <= ctx.now ? await locate(deps, quizId, questionId) : null;
  if (!found) return [CLOSED_QUESTION];
  const valid = validSelection(found.question, selection);
  const target = { mode: "review" as const, ref: quizId };
  await waitForAnswer(deps, ctx, { ...target, questionId });
  const heading = bold(`Review (${found.course.title})`);
  return [{ ...renderQuestion(heading, found.question, target, valid), updatesSource: true }];
}
