import type { QuestionSpec, QuestionType, QuizSpec } from "./course-package.js";
import type { ProblemList } from "./problems.js";
import { KEY_PATTERN } from "./text-helpers.js";
import type { YamlSource } from "./yaml-source.js";

/** Where a quiz comes from, for messages. */
export interface QuizSource {
  file: string;
  yaml: YamlSource;
  quizKey: string;
  defaultPassPercent: number;
}

type Path = Array<string | number>;
type Fields = Record<string, unknown>;

const TYPES: QuestionType[] = ["single", "multiple", "truefalse", "short", "numeric"];
const QUESTION_FIELDS = new Set([
  "key",
  "type",
  "prompt",
  "question",
  "options",
  "answer",
  "answers",
  "accept",
  "tolerance",
  "explanation",
]);

/**
 * Reads a quiz: either a list of questions or `{ pass_percent, questions: [...] }`.
 * Every problem found goes to `problems`; the quiz returned is only usable when none were.
 */
export function parseQuiz(source: QuizSource, problems: ProblemList): QuizSpec {
  const { file, yaml } = source;
  const value = yaml.value;
  const wrapped = isFields(value);
  const list = wrapped ? value.questions : value;
  const listPath: Path = wrapped ? ["questions"] : [];
  let passPercent = source.defaultPassPercent;
  if (wrapped && value.pass_percent !== undefined) {
    passPercent = checkPercent(value.pass_percent, file, yaml.lineOf(["pass_percent"]), problems);
  }
  if (!Array.isArray(list) || list.length === 0) {
    problems.add(file, yaml.lineOf(listPath), "the quiz has no questions; add a list of questions");
    return { key: source.quizKey, passPercent, questions: [] };
  }
  const keys = new Map<string, number>();
  const questions = list.map((item, index) => {
    const path = [...listPath, index];
    const question = parseQuestion(item, index, { file, line: yaml.lineOf(path) }, problems, (p) =>
      yaml.lineOf([...path, p]),
    );
    const earlier = keys.get(question.key);
    if (earlier !== undefined) {
      problems.add(
        file,
        yaml.lineOf([...path, "key"]),
        `question key "${question.key}" is already used at line ${earlier}; give each question its own key`,
      );
    } else {
      keys.set(question.key, yaml.lineOf(path));
    }
    return question;
  });
  return { key: source.quizKey, passPercent, questions };
}

/** Checks a pass percentage (0 to 100). */
export function checkPercent(
  value: unknown,
  file: string,
  line: number,
  problems: ProblemList,
): number {
  if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 100) {
    return value;
  }
  problems.add(file, line, `pass percent must be a whole number from 0 to 100, not ${show(value)}`);
  return 70;
}

interface Where {
  file: string;
  line: number;
}

function parseQuestion(
  item: unknown,
  index: number,
  where: Where,
  problems: ProblemList,
  lineOf: (field: string) => number,
): QuestionSpec {
  const fallbackKey = `q${index + 1}`;
  const empty: QuestionSpec = {
    key: fallbackKey,
    type: "single",
    prompt: "",
    options: [],
    correct: [],
    tolerance: null,
    explanation: "",
  };
  const report = (field: string | null, message: string) =>
    problems.add(where.file, field ? lineOf(field) : where.line, message);
  if (!isFields(item)) {
    report(
      null,
      `question ${index + 1} must be a mapping with prompt, type, answer and explanation`,
    );
    return empty;
  }
  for (const field of Object.keys(item)) {
    if (!QUESTION_FIELDS.has(field)) {
      report(field, `unknown question field "${field}"; known: ${[...QUESTION_FIELDS].join(", ")}`);
    }
  }
  const key = item.key === undefined ? fallbackKey : String(item.key);
  if (!KEY_PATTERN.test(key)) {
    report("key", `question key "${key}" must be lowercase letters, digits, "-" or "_"`);
  }
  const prompt = String(item.prompt ?? item.question ?? "").trim();
  if (!prompt) report(null, `question "${key}" has no prompt; add prompt: <the question text>`);
  const explanation = String(item.explanation ?? "").trim();
  if (!explanation) {
    report(
      null,
      `question "${key}" has no explanation; add explanation: <why the answer is right>`,
    );
  }
  const type = questionType(item);
  if (!TYPES.includes(type)) {
    report("type", `question "${key}" has unknown type "${type}"; use one of ${TYPES.join(", ")}`);
    return { ...empty, key, prompt, explanation };
  }
  const answer = readAnswer(type, item, key, report);
  return { key, type, prompt, explanation, ...answer };
}

function questionType(item: Fields): QuestionType {
  if (item.type !== undefined) return String(item.type) as QuestionType;
  if (item.accept !== undefined) return "short";
  if (typeof item.answer === "boolean") return "truefalse";
  if (item.answers !== undefined || Array.isArray(item.answer)) return "multiple";
  if (item.options === undefined && typeof item.answer === "number") return "numeric";
  return "single";
}

type Answer = Pick<QuestionSpec, "options" | "correct" | "tolerance">;
type Report = (field: string | null, message: string) => void;

function readAnswer(type: QuestionType, item: Fields, key: string, report: Report): Answer {
  switch (type) {
    case "single":
    case "multiple":
      return readChoice(type, item, key, report);
    case "truefalse":
      if (typeof item.answer !== "boolean") {
        report(
          item.answer === undefined ? null : "answer",
          noAnswer(key, "answer: true (or false)"),
        );
      }
      return {
        options: ["True", "False"],
        correct: [item.answer === false ? 1 : 0],
        tolerance: null,
      };
    case "short": {
      const raw = item.accept ?? item.answers ?? item.answer;
      const accepted = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
        .map((value) => String(value).trim())
        .filter(Boolean);
      if (accepted.length === 0)
        report(null, noAnswer(key, "accept: [the answer, another spelling]"));
      return { options: [], correct: accepted, tolerance: null };
    }
    case "numeric": {
      const value = typeof item.answer === "string" ? Number(item.answer) : item.answer;
      if (typeof value !== "number" || !Number.isFinite(value)) {
        report(item.answer === undefined ? null : "answer", noAnswer(key, "answer: <a number>"));
      }
      const tolerance = item.tolerance === undefined ? 0 : Number(item.tolerance);
      if (!Number.isFinite(tolerance) || tolerance < 0) {
        report("tolerance", `question "${key}": tolerance must be a number of 0 or more`);
      }
      return { options: [], correct: Number(value) || 0, tolerance };
    }
  }
}

function readChoice(
  type: "single" | "multiple",
  item: Fields,
  key: string,
  report: Report,
): Answer {
  const options = Array.isArray(item.options) ? item.options.map((o) => String(o).trim()) : [];
  if (options.length < 2 || options.length > 10) {
    report("options", `question "${key}" needs 2 to 10 options (it has ${options.length})`);
  }
  const duplicate = options.find((option, index) => options.indexOf(option) !== index);
  if (duplicate) report("options", `question "${key}" lists the option "${duplicate}" twice`);
  const raw = item.answers ?? item.answer;
  const wanted = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const hint =
    type === "single" ? "answer: <text of the right option>" : "answers: [<right options>]";
  if (wanted.length === 0) report(null, noAnswer(key, hint));
  if (type === "single" && wanted.length > 1) {
    report(
      "answer",
      `question "${key}" is single choice but names ${wanted.length} answers; use type: multiple`,
    );
  }
  const correct: number[] = [];
  for (const answer of wanted) {
    const index = options.indexOf(String(answer).trim());
    if (index < 0) {
      report(
        item.answers === undefined ? "answer" : "answers",
        `question "${key}": the answer ${show(answer)} is not one of the options; copy the option's text exactly`,
      );
    } else if (!correct.includes(index)) {
      correct.push(index);
    }
  }
  return { options, correct: correct.sort((a, b) => a - b), tolerance: null };
}

function noAnswer(key: string, hint: string): string {
  return `question "${key}" has no correct answer; add ${hint}`;
}

function isFields(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
