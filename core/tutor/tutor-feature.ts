import { actionId } from "../conversation/action-id.js";
import type { Feature, TurnContext } from "../conversation/command.js";
import { AppError, RateLimitedError, TransientError } from "../errors.js";
import type { Reply } from "../messages.js";
import type { AccountStore } from "../ports/accounts.js";
import type { Tutor, TutorUsageStore } from "../ports/tutor.js";
import { italic } from "../text/markdown.js";
import {
  type CurrentLesson,
  findCurrentLesson,
  type LessonLookup,
  lessonText,
} from "./current-lesson.js";
import { localDay } from "./local-day.js";
import { createTutorHistory, type TutorHistory } from "./tutor-history.js";
import {
  askPromptText,
  budgetUsedText,
  MAX_QUESTION_CHARS,
  NOT_ENROLLED_TEXT,
  notConfiguredText,
  questionsLeftText,
  tooLongText,
} from "./tutor-messages.js";

/** Pending-input kind: the next message is a question for the tutor. */
export const TUTOR_QUESTION_INPUT = "tutor-question";

/** What `/ask` needs, wired in app/compose.ts. */
export interface TutorDeps extends LessonLookup {
  accounts: AccountStore;
  usage: TutorUsageStore;
  /** The tutor; absent when the server has no OPENAI_API_KEY. */
  tutor?: Tutor;
  /** Questions per learner per local day (TUTOR_DAILY_QUESTIONS). */
  dailyQuestions: number;
  /** Recent turns for follow-up questions; a fresh in-memory one when omitted. */
  history?: TutorHistory;
}

function say(text: string, extra: Partial<Reply> = {}): Reply[] {
  return [{ text, personal: true, ...extra }];
}

/** Why the tutor failed, for the learner; the question was not counted. */
function failureText(error: unknown): string {
  const notCounted = "This question was not counted against your daily questions.";
  if (error instanceof RateLimitedError) {
    const seconds = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
    return `The tutor is busy right now. Please try again in ${seconds} s. ${notCounted}`;
  }
  if (error instanceof TransientError) {
    return `The tutor could not be reached just now (no answer in time, or its server had a problem). Please try again in a minute. ${notCounted}`;
  }
  if (error instanceof AppError) return `${error.userMessage} ${notCounted}`;
  return `The tutor failed to answer. Please try again later. ${notCounted}`;
}

async function askTutor(
  deps: TutorDeps & { tutor: Tutor; history: TutorHistory },
  ctx: TurnContext,
  current: CurrentLesson,
  question: string,
): Promise<Reply[]> {
  const { lesson, course } = current;
  const day = localDay(ctx.now, ctx.learner.timeZone);
  const limit = deps.dailyQuestions;
  const budget = await deps.usage.reserve(ctx.learner.id, day.day, limit);
  if (!budget.reserved) return say(budgetUsedText(limit, ctx.now, day, lesson));

  let answer: { text: string; tokens: number };
  try {
    const history = deps.history.turns(ctx.learner.id, lesson.id);
    const request = {
      lessonTitle: lesson.title,
      lessonText: lessonText(lesson),
      question,
      history,
    };
    answer = await deps.tutor.answer(request);
  } catch (error) {
    await deps.usage.release(ctx.learner.id, day.day);
    ctx.log.warn({ err: error instanceof Error ? error.message : String(error) }, "tutor failed");
    return say(failureText(error));
  }
  await deps.usage.addTokens(ctx.learner.id, day.day, answer.tokens);
  deps.history.add(ctx.learner.id, lesson.id, { question, answer: answer.text });
  return say(
    `**Tutor** · ${italic(lesson.title)}\n\n${answer.text}\n\n${questionsLeftText(limit, budget.used)}`,
    {
      actions: [
        { id: "ask", label: "Ask another question" },
        { id: actionId("nx", course.id), label: "Continue the lesson", style: "primary" },
      ],
    },
  );
}

async function ask(
  deps: TutorDeps & { history: TutorHistory },
  ctx: TurnContext,
  question: string,
) {
  const current = await findCurrentLesson(deps, ctx.learner.id);
  if (!deps.tutor) return say(notConfiguredText(current?.lesson ?? null));
  if (!current) return say(NOT_ENROLLED_TEXT);
  if (question === "") {
    await deps.accounts.setPending(ctx.account.id, { kind: TUTOR_QUESTION_INPUT, data: {} });
    return say(askPromptText(current.lesson), {
      expectsText: { label: "Your question", placeholder: "Why does WHERE come after FROM?" },
    });
  }
  if (question.length > MAX_QUESTION_CHARS) return say(tooLongText(question.length));
  return askTutor({ ...deps, tutor: deps.tutor }, ctx, current, question);
}

/** `/ask <question>`: the tutor answers questions about the learner's current lesson. */
export function tutorFeature(deps: TutorDeps): Feature {
  const full = { ...deps, history: deps.history ?? createTutorHistory() };
  return {
    commands: [
      {
        name: "ask",
        usage: "<question>",
        summary: "ask the tutor about your current lesson",
        run: (ctx, args) => ask(full, ctx, args),
      },
    ],
    actions: [{ prefix: "ask", run: (ctx) => ask(full, ctx, "") }],
    textInputs: [
      {
        kind: TUTOR_QUESTION_INPUT,
        async run(ctx, text) {
          await deps.accounts.setPending(ctx.account.id, null);
          return ask(full, ctx, text.trim());
        },
      },
    ],
  };
}
