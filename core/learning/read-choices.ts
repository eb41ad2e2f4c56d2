import type { QuestionContent } from "../ports/catalog.js";

/** Lower case, single spaces, no surrounding punctuation: how typed answers are compared. */
export function normalizeShortAnswer(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKC")
    .replace(/\s+/g, " ")
    .replace(/^[\s"'`.,;:!?]+|[\s"'`.,;:!?]+$/g, "");
}

const TRUE_WORDS = new Set(["true", "t", "yes", "y"]);
const FALSE_WORDS = new Set(["false", "f", "no", "n"]);
const LIST_SEPARATOR = /\s*[,;\s]\s*/;
const LETTERS = "abcdefghijklmnopqrstuvwxyz";

function optionByText(question: QuestionContent, wanted: string): number {
  return question.options.findIndex((option) => normalizeShortAnswer(option) === wanted);
}

/** "true"/"yes" and "false"/"no" as the index of the True or False option; -1 otherwise. */
function readTrueFalse(question: QuestionContent, wanted: string): number {
  const truth = TRUE_WORDS.has(wanted) ? true : FALSE_WORDS.has(wanted) ? false : null;
  if (truth === null) return -1;
  const byText = optionByText(question, truth ? "true" : "false");
  // Imported true/false questions are always ["True", "False"].
  return byText >= 0 ? byText : truth ? 0 : 1;
}

/** Option numbers ("2", "1,3") or letters ("b", "a c") as 1-based numbers; null otherwise. */
function readNumbersOrLetters(question: QuestionContent, wanted: string): number[] | null {
  if (/^\d+([,;\s]+\d+)*$/.test(wanted)) return wanted.split(LIST_SEPARATOR).map(Number);
  if (question.options.length <= LETTERS.length && /^[a-z]([,;\s]+[a-z])*$/.test(wanted)) {
    return wanted.split(LIST_SEPARATOR).map((letter) => LETTERS.indexOf(letter) + 1);
  }
  return null;
}

function howToAnswer(question: QuestionContent): string {
  const count = question.options.length;
  const last = LETTERS[count - 1] ?? "z";
  if (question.type === "truefalse") return "Answer with true or false (or tap a button).";
  if (question.type === "multiple") {
    return `Answer with the option numbers, for example "1" or "1,3" (1 to ${count}).`;
  }
  return `Answer with the option's number (1 to ${count}), its letter (a to ${last}) or its text.`;
}

/**
 * Reads a typed answer to a choice question as 0-based option indexes: an option's exact text
 * (any case), its number or letter ("2", "b", "1,3" for multiple answers) or, for true/false
 * questions, true/false/yes/no. A string explains what could not be read.
 */
export function parseChoices(question: QuestionContent, text: string): number[] | string {
  const wanted = normalizeShortAnswer(text);
  const byText = optionByText(question, wanted);
  const numbers = readNumbersOrLetters(question, wanted);
  const single = numbers?.length === 1 ? numbers[0]! - 1 : null;
  if (byText >= 0 && single !== null && single !== byText && single < question.options.length) {
    return `"${text.trim()}" is the text of option ${byText + 1} and the number of option ${single + 1}; tap the button you mean.`;
  }
  if (byText >= 0) return [byText];
  const truth = question.type === "truefalse" ? readTrueFalse(question, wanted) : -1;
  if (truth >= 0) return [truth];
  if (!numbers) return howToAnswer(question);
  const unique = [...new Set(numbers)];
  const outside = unique.find((n) => n < 1 || n > question.options.length);
  if (outside !== undefined) {
    return `There is no option ${outside}; the options are numbered 1 to ${question.options.length}.`;
  }
  if (question.type !== "multiple" && unique.length > 1) {
    return "Pick one option only: this question has a single right answer.";
  }
  return unique.map((n) => n - 1).sort((a, b) => a - b);
}
