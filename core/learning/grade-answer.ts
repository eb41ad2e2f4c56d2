import type { QuestionContent } from "../ports/catalog.js";

/** What a learner answered: option indexes (0-based) for choice questions, or typed text. */
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

/** Lower case, single spaces, no surrounding punctuation: how short answers are compared. */
export function normalizeShortAnswer(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKC")
    .replace(/\s+/g, " ")
    .replace(/^[\s"'`.,;:!?]+|[\s"'`.,;:!?]+$/g, "");
}

/** Reads "1,3", "1 3" or an option's text as 0-based option indexes. */
export function parseChoices(question: QuestionContent, text: string): number[] | string {
  const trimmed = text.trim();
  const byText = question.options.findIndex(
    (option) => normalizeShortAnswer(option) === normalizeShortAnswer(trimmed),
  );
  if (byText >= 0) return [byText];
  if (!/^\d+(\s*[,;\s]\s*\d+)*$/.test(trimmed)) {
    return `Answer with the option numbers, for example "1" or "1,3" (1 to ${question.options.length}).`;
  }
  const numbers = [...new Set(trimmed.split(/[,;\s]+/).map(Number))];
  const outside = numbers.find((n) => n < 1 || n > question.options.length);
  if (outside !== undefined) {
    return `There is no option ${outside}; the options are numbered 1 to ${question.options.length}.`;
  }
  if (question.type !== "multiple" && numbers.length > 1) {
    return "Pick one option only: this question has a single right answer.";
  }
  return numbers.map((n) => n - 1).sort((a, b) => a - b);
}

function correctIndexes(question: QuestionContent): number[] {
  return Array.isArray(question.correct) ? question.correct.map(Number) : [];
}

function gradeChoices(question: QuestionContent, choices: number[]): GradeResult {
  const valid = choices.every((i) => Number.isInteger(i) && i >= 0 && i < question.options.length);
  if (!valid || choices.length === 0) {
    return { ok: false, problem: `Pick an option from 1 to ${question.options.length}.` };
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
  const cleaned = text.trim().replace(/\s+/g, "");
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) {
    return {
      ok: false,
      problem: `Answer with a number, for example 42 or 3.5 ("${text.trim().slice(0, 40)}" is not one).`,
    };
  }
  const value = Number(cleaned);
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
