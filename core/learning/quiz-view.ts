import { actionId } from "../conversation/action-id.js";
import type { Action, Reply } from "../messages.js";
import type { QuestionContent } from "../ports/catalog.js";
import { describeCorrect, isChoiceQuestion } from "./grade-answer.js";

/**
 * Where an answer goes: a quiz attempt (prefixes "qa"/"qt", ref = attempt id) or the
 * spaced-repetition review (prefixes "sa"/"st", ref = quiz id).
 */
export interface QuestionTarget {
  mode: "attempt" | "review";
  ref: string;
}

/** Action prefixes of a target: [answer, toggle]. */
export function prefixesOf(target: QuestionTarget): [string, string] {
  return target.mode === "attempt" ? ["qa", "qt"] : ["sa", "st"];
}

/** Encodes option indexes for an action id: "0,2". */
export function encodeChoices(choices: number[]): string {
  return [...choices].sort((a, b) => a - b).join(",");
}

/**
 * Decodes "0,2" (or "" for none) into option indexes. A missing or unreadable part decodes
 * as NaN, so that grading can say the choice is not valid instead of guessing.
 */
export function decodeChoices(text: string | undefined): number[] {
  if (text === undefined) return [Number.NaN];
  if (text === "") return [];
  const parts = text.split(",");
  return [...new Set(parts.map((part) => (/^\d{1,2}$/.test(part) ? Number(part) : Number.NaN)))];
}

/** The indexes of `selection` that name an option of `question`. */
export function validSelection(question: QuestionContent, selection: number[]): number[] {
  return selection.filter((i) => Number.isInteger(i) && i >= 0 && i < question.options.length);
}

function optionLabel(index: number, option: string, mark = ""): string {
  const text = option.length > 56 ? `${option.slice(0, 55)}…` : option;
  return `${mark}${index + 1}. ${text}`;
}

function choiceActions(
  question: QuestionContent,
  target: QuestionTarget,
  selection: number[],
): Action[] {
  const [answer, toggle] = prefixesOf(target);
  if (question.type !== "multiple") {
    return question.options.map((option, i) => ({
      id: actionId(answer, target.ref, question.id, i),
      label: optionLabel(i, option),
    }));
  }
  const toggles = question.options.map((option, i) => {
    const chosen = selection.includes(i);
    const next = chosen ? selection.filter((n) => n !== i) : [...selection, i];
    return {
      id: actionId(toggle, target.ref, question.id, encodeChoices(next)),
      label: optionLabel(i, option, chosen ? "☑ " : "☐ "),
    };
  });
  const submit = {
    id: actionId(answer, target.ref, question.id, encodeChoices(selection)),
    label: "Submit",
    style: "primary" as const,
  };
  return [...toggles, submit];
}

function instructions(question: QuestionContent): string {
  switch (question.type) {
    case "multiple":
      return "_Select every right option, then Submit (or type the numbers, e.g. 1,3)._";
    case "single":
      return "_Tap an option, or type its number._";
    case "truefalse":
      return "_Tap an option, or type true or false._";
    case "numeric":
      return "_Type a number._";
    case "short":
      return "_Type your answer._";
    default:
      return "";
  }
}

/** A quiz question as a reply: Markdown text, option buttons and a {@link QuestionView}. */
export function renderQuestion(
  heading: string,
  question: QuestionContent,
  target: QuestionTarget,
  selection: number[] = [],
): Reply {
  const options = isChoiceQuestion(question)
    ? question.options.map((option, i) => `${i + 1}. ${option}`).join("\n")
    : "";
  const text = [heading, question.prompt, options, instructions(question)]
    .filter(Boolean)
    .join("\n\n");
  const [answer] = prefixesOf(target);
  const reply: Reply = {
    text,
    actions: isChoiceQuestion(question) ? choiceActions(question, target, selection) : [],
    question: {
      attemptId: target.mode === "attempt" ? target.ref : `review-${target.ref}`,
      questionId: question.id,
      type: question.type,
      prompt: question.prompt,
      options: question.options,
      correctOptions:
        Array.isArray(question.correct) && isChoiceQuestion(question)
          ? question.correct.map(Number)
          : [],
      explanation: question.explanation,
      answerActionPrefix: `${actionId(answer, target.ref, question.id)}:`,
    },
  };
  if (!isChoiceQuestion(question)) {
    reply.expectsText = {
      label: question.type === "numeric" ? "Your answer (a number)" : "Your answer",
    };
  }
  return reply;
}

/** Instant feedback on an answer: right or wrong, the right answer and the explanation. */
export function renderFeedback(
  question: QuestionContent,
  correct: boolean,
  viaButton: boolean,
): Reply {
  const verdict = correct
    ? "✅ **Correct!**"
    : `❌ **Not quite.** The right answer: ${describeCorrect(question)}.`;
  const text = [question.prompt, verdict, question.explanation].filter(Boolean).join("\n\n");
  return viaButton ? { text, updatesSource: true } : { text };
}

/** The reply to an answer for a question that is no longer open. */
export const CLOSED_QUESTION: Reply = {
  text: "That question is closed: it was already answered or the quiz has moved on. Nothing was changed. Send /quiz to see the current question.",
};
