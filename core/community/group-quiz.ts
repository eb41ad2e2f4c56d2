/**
 * The daily group session of a study group: once a day, at the group's local quiz time, the
 * lesson of the day (while the course has lessons left), the standings and one quiz question
 * are posted in the group through the delivery pipeline. Members answer with one tap (or a
 * native quiz poll); each gets their result privately, and right answers are points on the
 * group's leaderboard.
 */
import { DateTime } from "luxon";
import { actionId } from "../conversation/action-id.js";
import type { Feature, TurnContext } from "../conversation/command.js";
import type { Reply } from "../messages.js";
import type { CourseContent, QuestionContent } from "../ports/catalog.js";
import type { GroupQuizStore, LeaderboardEntry, QuizGroup } from "../ports/group-quiz.js";
import { bold } from "../text/markdown.js";

/** Local time (minutes after midnight) the group session is posted; 18:00. */
export const DEFAULT_GROUP_QUIZ_MINUTE = 18 * 60;

/** Dependencies of the group quiz. */
export interface GroupQuizDeps {
  store: GroupQuizStore;
  /** Loads a course with its lessons and quizzes (the learning core's cache). */
  course(courseId: string): Promise<CourseContent | null>;
  /** Local minute of the day the session is posted. */
  quizMinute?: number;
}

/** Action prefixes: answer a round, show the leaderboard. */
const ANSWER = "gq";
const BOARD = "gqb";

/** The group's local date for `now`. */
function localDay(group: QuizGroup, now: Date): DateTime {
  const local = DateTime.fromJSDate(now, { zone: group.timeZone });
  return local.isValid ? local : DateTime.fromJSDate(now, { zone: "UTC" });
}

/** Choice questions a group can answer with one tap. */
function oneTapQuestions(course: CourseContent, lessonIndex: number): QuestionContent[] {
  const single = (q: QuestionContent) => q.type === "single" || q.type === "truefalse";
  const ofLesson = course.lessons[lessonIndex]?.quiz?.questions.filter(single) ?? [];
  if (ofLesson.length > 0) return ofLesson;
  return course.lessons.flatMap((lesson) => lesson.quiz?.questions.filter(single) ?? []);
}

/** Finds a question of a course by id. */
function findQuestion(course: CourseContent, questionId: string): QuestionContent | undefined {
  const quizzes = [...course.lessons.map((lesson) => lesson.quiz), course.finalQuiz];
  for (const quiz of quizzes) {
    const found = quiz?.questions.find((question) => question.id === questionId);
    if (found) return found;
  }
  return undefined;
}

/** Leaderboard lines, "1. Ada: 3 points (4 answered)". */
export function formatLeaderboard(entries: LeaderboardEntry[]): string {
  if (entries.length === 0) return "No answers yet: be the first on the board!";
  return entries
    .map((entry, i) => {
      const points = `${entry.points} point${entry.points === 1 ? "" : "s"}`;
      return `${i + 1}. ${entry.displayName}: ${points} (${entry.answered} answered)`;
    })
    .join("\n");
}

/** The question of a round as a reply: option buttons, a poll where the platform has one. */
function questionReply(group: QuizGroup, roundId: string, question: QuestionContent): Reply {
  const prefix = `${actionId(ANSWER, roundId)}:`;
  const options = question.options.map((option, i) => `${i + 1}. ${option}`).join("\n");
  const correct = Array.isArray(question.correct) ? question.correct.map(Number) : [];
  return {
    text: `**Quiz of the day**\n\n${question.prompt}\n\n${options}`,
    actions: [
      ...question.options.map((option, i) => ({ id: `${prefix}${i}`, label: option })),
      { id: actionId(BOARD, group.id), label: "Leaderboard" },
    ],
    question: {
      attemptId: roundId,
      questionId: question.id,
      type: question.type,
      prompt: question.prompt,
      options: question.options,
      correctOptions: correct,
      explanation: question.explanation,
      answerActionPrefix: prefix,
    },
  };
}

/** The day's post: lesson of the day, standings so far and the question. */
async function sessionPost(
  deps: GroupQuizDeps,
  group: QuizGroup,
  course: CourseContent,
  dayIndex: number,
  roundId: string,
  question: QuestionContent | undefined,
): Promise<Reply[]> {
  const replies: Reply[] = [];
  const lesson = course.lessons[dayIndex];
  if (lesson) {
    const heading = `${bold(`Lesson of the day: ${lesson.title}`)} (${dayIndex + 1} of ${course.lessons.length}, ${course.title})`;
    replies.push({
      text: [heading, ...lesson.parts].join("\n\n"),
      actions: [{ id: actionId("grj", group.id), label: "Join and enroll" }],
    });
  }
  const standings = await deps.store.leaderboard(group.id, 5);
  if (standings.length > 0) {
    replies.push({
      text: `${bold(`Leaderboard of ${group.name}`)}\n\n${formatLeaderboard(standings)}`,
    });
  }
  if (question) replies.push(questionReply(group, roundId, question));
  return replies;
}

/** Plans one group's session for the day of `now`; true when a post was written. */
async function planGroup(deps: GroupQuizDeps, group: QuizGroup, now: Date): Promise<boolean> {
  const local = localDay(group, now);
  const minute = local.hour * 60 + local.minute;
  if (minute < (deps.quizMinute ?? DEFAULT_GROUP_QUIZ_MINUTE)) return false;
  const day = local.toISODate()!;
  const latest = await deps.store.latestRound(group.id);
  if (latest?.day === day) return false;

  const course = await deps.course(group.courseId);
  if (!course) return false;
  const dayIndex = await deps.store.countRounds(group.id);
  const pool = oneTapQuestions(course, dayIndex);
  const question = pool.length > 0 ? pool[dayIndex % pool.length] : undefined;
  const lesson = course.lessons[dayIndex];
  if (!question && !lesson) return false;

  const roundId = `${group.id}-${day}`;
  const payload = await sessionPost(deps, group, course, dayIndex, roundId, question);
  return deps.store.createRound({
    round: {
      id: roundId,
      groupId: group.id,
      day,
      questionId: question?.id ?? "",
      lessonId: lesson?.id ?? null,
    },
    post: { idempotencyKey: `group-quiz:${group.id}:${day}`, payload, dueAt: now },
  });
}

/**
 * Plans the day's session of every study group whose local quiz time has come and that has no
 * round today. Safe to run from several processes: a round is unique per group and day.
 * Returns how many posts were written.
 */
export async function planGroupQuizzes(deps: GroupQuizDeps, now: Date): Promise<number> {
  let planned = 0;
  for (const group of await deps.store.listGroups()) {
    if (await planGroup(deps, group, now)) planned++;
  }
  return planned;
}

/** Grades a tap or poll answer to a round and tells the member privately. */
async function answerRound(
  deps: GroupQuizDeps,
  ctx: TurnContext,
  roundId: string,
  choiceText: string,
): Promise<Reply[]> {
  const personal = (text: string): Reply[] => [{ text, personal: true }];
  const round = await deps.store.getRound(roundId);
  const group = round ? await deps.store.getGroup(round.groupId) : null;
  const course = group ? await deps.course(group.courseId) : null;
  const question = round && course ? findQuestion(course, round.questionId) : undefined;
  if (!round || !group || !question) return personal("That group quiz no longer exists.");
  const current = await deps.store.latestRound(group.id);
  // A round stays open until the next session is posted, so evening posts can be answered
  // the next morning.
  if (current?.id !== round.id) {
    return personal(
      `That quiz is over (it was the quiz of ${round.day}); nothing was recorded. Answer the latest quiz in the group instead.`,
    );
  }
  const choice = Number(choiceText);
  if (!Number.isInteger(choice) || choice < 0 || choice >= question.options.length) {
    return personal("That answer is not one of the options; nothing was recorded.");
  }
  const correct = Array.isArray(question.correct) && question.correct.map(Number).includes(choice);
  const recorded = await deps.store.recordAnswer({
    roundId,
    learnerId: ctx.learner.id,
    choice,
    correct,
    at: ctx.now,
  });
  if (recorded === "duplicate")
    return personal("You already answered today's group quiz; your first answer counts.");
  return personal(await resultText(deps, group, ctx.learner.id, question, correct));
}

async function resultText(
  deps: GroupQuizDeps,
  group: QuizGroup,
  learnerId: string,
  question: QuestionContent,
  correct: boolean,
): Promise<string> {
  const right = Array.isArray(question.correct)
    ? question.correct.map((i) => question.options[Number(i)]).join(", ")
    : "";
  const verdict = correct ? "✅ **Correct!**" : `❌ **Not quite.** The right answer: ${right}.`;
  const board = await deps.store.leaderboard(group.id, 1000);
  const rank = board.findIndex((entry) => entry.learnerId === learnerId);
  const mine = board[rank];
  const standing = mine
    ? `You have ${mine.points} point${mine.points === 1 ? "" : "s"} in ${bold(group.name)}, place ${rank + 1} of ${board.length}.`
    : "";
  return [`Group quiz: ${question.prompt}`, verdict, question.explanation, standing]
    .filter(Boolean)
    .join("\n\n");
}

/** The group quiz buttons: answers (`gq:<round>:<i>`) and the leaderboard (`gqb:<group>`). */
export function groupQuizFeature(deps: GroupQuizDeps): Feature {
  return {
    actions: [
      {
        prefix: ANSWER,
        run: (ctx, [roundId = "", choice = ""]) => answerRound(deps, ctx, roundId, choice),
      },
      {
        prefix: BOARD,
        async run(_ctx, [groupId = ""]) {
          const group = await deps.store.getGroup(groupId);
          if (!group) return [{ text: "That study group no longer exists.", personal: true }];
          const board = formatLeaderboard(await deps.store.leaderboard(group.id, 10));
          return [{ text: `${bold(`Leaderboard of ${group.name}`)}\n\n${board}`, personal: true }];
        },
      },
    ],
  };
}
