import type { QuestionContent } from "../ports/catalog.js";
import { normalizeShortAnswer, parseChoices } from "./read-choices.js";
import { readNumber } from "./read-number.js";

export { normalizeShortAnswer, parseChoices };

/**
 * What a learner answered: option indexes (0-based) for choice questions, or typed text. A
 * button whose index could not be read carries NaN, so grading says the choice is not valid.
 */
export type AnswerInputValue = { choices: number[] } | { text: string };

/** A graded answer, or the reason it could not be read (the question then stays open). */
export type GradeResult =
  | { ok: true; correct: boolean; response: string }
  | { ok: false; problem: string };

const CHOICE_TYPES = new Set(["single", "multiple", "truefalse"]);

/** True for questions answered by picking options. */
export function isChoiceQuestion(question: QuestionContent): boolean {
  return CHOICE_TYPES.has(question.type);
}

function correctIndexes(question: QuestionContent): number[] {
  return Array.isArray(question.correct) ? question.correct.map(Number) : [];
}

function gradeChoices(question: QuestionContent, choices: number[]): GradeResult {
  const count = question.options.length;
  if (!choices.every((i) => Number.isInteger(i) && i >= 0 && i < count)) {
    return {
      ok: false,
      problem: `That choice is not valid: this question has options 1 to ${count}. Nothing was recorded; pick one of them.`,
    };
  }
  if (choices.length === 0) {
    return {
      ok: false,
      problem:
        question.type === "multiple"
          ? "Select at least one option, then Submit."
          : `Pick an option from 1 to ${count}.`,
    };
  }
  const picked = [...new Set(choices)].sort((a, b) => a - b);
  const right = [...new Set(correctIndexes(question))].sort((a, b) => a - b);
  const correct =
    question.type === "multiple"
      ? picked.length === right.length && picked.every((i, n) => i === right[n])
      : picked.length === 1 && right.includes(picked[0]!);
  return { ok: true, correct, response: JSON.stringify(picked) };
}

function gradeNumeric(question: QuestionContent, text: string): GradeResult {
  const read = readNumber(text);
  if (!read.ok) return read;
  const { value } = read;
  const expected = Number(question.correct);
  const tolerance = Math.abs(question.tolerance ?? 0);
  return {
    ok: true,
    correct: Math.abs(value - expected) <= tolerance + 1e-9,
    response: JSON.stringify(value),
  };
}

function gradeShort(question: QuestionContent, text: string): GradeResult {
  const given = normalizeShortAnswer(text);
  if (given === "") return { ok: false, problem: "Type your answer as a word or a short phrase." };
  const accepted = Array.isArray(question.correct) ? question.correct.map(String) : [];
  const correct = accepted.some((answer) => normalizeShortAnswer(answer) === given);
  return { ok: true, correct, response: JSON.stringify(text.trim().slice(0, 500)) };
}

/** Grades an answer against the question's key; unreadable input is a problem, not a wrong answer. */
export function gradeAnswer(question: QuestionContent, answer: AnswerInputValue): GradeResult {
  if (isChoiceQuestion(question)) {
    if ("choices" in answer) return gradeChoices(question, answer.choices);
    const parsed = parseChoices(question, answer.text);
    return typeof parsed === "string"
      ? { ok: false, problem: parsed }
      : gradeChoices(question, parsed);
  }
  const text = "text" in answer ? answer.text : "";
  return question.type === "numeric" ? gradeNumeric(question, text) : gradeShort(question, text);
}

/** The right answer in words, for feedback. */
export function describeCorrect(question: QuestionContent): string {
  if (isChoiceQuestion(question)) {
    return correctIndexes(question)
      .map((i) => question.options[i] ?? `option ${i + 1}`)
      .join(", ");
  }
  if (question.type === "numeric") {
    const tolerance = question.tolerance ? ` (give or take ${question.tolerance})` : "";
    return `${Number(question.correct)}${tolerance}`;
  }
  const accepted = Array.isArray(question.correct) ? question.correct.map(String) : [];
  return accepted[0] ?? "";
}
