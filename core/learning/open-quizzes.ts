import { actionId } from "../conversation/action-id.js";
import type { TurnContext } from "../conversation/command.js";
import type { Reply } from "../messages.js";
import type { CourseContent, QuizContent } from "../ports/catalog.js";
import type { AttemptRecord } from "../ports/learning.js";
import { bold } from "../text/markdown.js";
import type { LearningDeps } from "./learning-deps.js";
import { currentQuestionIndex, quizTitle, resumeAttempt } from "./quiz-flow.js";
import { findQuiz, type Study } from "./study.js";

/** An attempt the learner left open, with its course and quiz. */
export interface OpenQuiz {
  course: CourseContent;
  quiz: QuizContent;
  attempt: AttemptRecord;
}

function quizzesOf(course: CourseContent): QuizContent[] {
  const quizzes = course.lessons.flatMap((lesson) => (lesson.quiz ? [lesson.quiz] : []));
  return course.finalQuiz ? [...quizzes, course.finalQuiz] : quizzes;
}

/** The learner's open attempts in every course they are enrolled in, most recent first. */
export async function listOpenQuizzes(deps: LearningDeps, learnerId: string): Promise<OpenQuiz[]> {
  const courseOfQuiz = new Map<string, CourseContent>();
  for (const enrollment of await deps.learning.listEnrollments(learnerId)) {
    if (enrollment.status === "dropped") continue;
    const course = await deps.courses.course(enrollment.courseId);
    for (const quiz of course ? quizzesOf(course) : []) courseOfQuiz.set(quiz.id, course!);
  }
  const attempts = await deps.learning.listAttempts(learnerId, [...courseOfQuiz.keys()]);
  return attempts
    .filter((attempt) => attempt.status === "open")
    .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())
    .flatMap((attempt) => {
      const course = courseOfQuiz.get(attempt.quizId)!;
      const quiz = findQuiz(course, attempt.quizId);
      return quiz ? [{ course, quiz, attempt }] : [];
    });
}

/** "You have 2 quizzes open", each with a button that resumes it. */
export function chooseOpenQuiz(open: OpenQuiz[]): Reply {
  const lines = open.map(({ course, quiz, attempt }) => {
    const at = Math.max(0, currentQuestionIndex(quiz, attempt)) + 1;
    return `- ${quizTitle(course, quiz)} (${bold(course.title)}): question ${at} of ${quiz.questions.length}`;
  });
  return {
    text: `You have ${open.length} quizzes open. Which one do you want to go on with?\n${lines.join("\n")}`,
    actions: open.map(({ course, quiz, attempt }) => ({
      id: actionId("qo", attempt.id),
      label: `${quizTitle(course, quiz)} (${course.title})`.slice(0, 60),
    })),
  };
}

/** The "resume" button of {@link chooseOpenQuiz}: the attempt's current question. */
export async function resumeOpenQuiz(
  deps: LearningDeps,
  ctx: TurnContext,
  attemptId: string,
): Promise<Reply[]> {
  const attempt = await deps.learning.findAttempt(attemptId, true);
  const course = attempt ? await deps.courses.courseOfQuiz(attempt.quizId) : null;
  const quiz = attempt && course ? findQuiz(course, attempt.quizId) : null;
  const mine = attempt?.learnerId === ctx.learner.id && attempt.status === "open";
  if (!attempt || !course || !quiz || !mine) {
    return [{ text: "That quiz is no longer open. Send /quiz to see what is waiting." }];
  }
  return resumeAttempt(deps, ctx, course, quiz, attempt);
}

/** How the course's quizzes come, for "no quiz is waiting": not every course has lesson quizzes. */
function quizRhythm(course: CourseContent): string {
  const title = bold(course.title);
  const withQuiz = course.lessons.filter((lesson) => lesson.quiz).length;
  const final = course.completionRule.finalExam && course.finalQuiz ? course.finalQuiz : null;
  const exam = final ? ", and a final exam follows the last lesson" : "";
  if (withQuiz > 0 && withQuiz === course.lessons.length) {
    return `each lesson of ${title} ends with its quiz${exam}`;
  }
  if (withQuiz > 0) {
    return `${withQuiz} of the ${course.lessons.length} lessons of ${title} end with a quiz${exam}`;
  }
  return final
    ? `${title} has no lesson quizzes, only a final exam after the last lesson`
    : `${title} has no quizzes, so lessons go on without one`;
}

/** The reply to /quiz when no quiz is open or waiting and no review is due. */
export function nothingWaiting(study: Study | null): Reply {
  const none = "No quiz is waiting right now and nothing is due for review.";
  if (!study) {
    return {
      text: `${none} You are not enrolled in a course yet: send /courses to find one.`,
      actions: [{ id: "cl", label: "Browse courses", style: "primary" }],
    };
  }
  const { course, enrollment } = study;
  if (enrollment.status === "completed") {
    return { text: `${none} You have completed ${bold(course.title)}; /courses finds another.` };
  }
  return {
    text: `${none} Send /next to go on with your lesson; ${quizRhythm(course)}.`,
    actions: [{ id: actionId("nx", course.id), label: "Next", style: "primary" }],
  };
}
