import { newId } from "../../core/ids.js";
import type {
  CatalogStore,
  CompletionRule,
  CourseContent,
  LessonContent,
  QuestionContent,
  QuestionKind,
  QuizContent,
} from "../../core/ports/catalog.js";
import type { Db } from "../database.js";

/** Parses a JSON column, falling back when it is malformed so one bad row cannot stop a turn. */
function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function stringList(text: string): string[] {
  const value = parseJson<unknown>(text, []);
  return Array.isArray(value) ? value.map(String) : [];
}

/** Reads Course.completionRule, defaulting each missing field. */
export function parseCompletionRule(text: string): CompletionRule {
  const raw = parseJson<Record<string, unknown>>(text, {});
  const percent = Number(raw.quizPassPercent);
  return {
    lessons: "all",
    quizPassPercent: Number.isFinite(percent) ? Math.min(100, Math.max(0, percent)) : 70,
    finalExam: raw.finalExam === true,
  };
}

type QuizRow = {
  id: string;
  key: string;
  kind: string;
  passPercent: number;
  lessonId: string | null;
  questions: Array<{
    id: string;
    key: string;
    type: string;
    prompt: string;
    options: string;
    correct: string;
    tolerance: number | null;
    explanation: string;
  }>;
};

function toQuestion(row: QuizRow["questions"][number]): QuestionContent {
  return {
    id: row.id,
    key: row.key,
    type: row.type as QuestionKind,
    prompt: row.prompt,
    options: stringList(row.options),
    correct: parseJson<QuestionContent["correct"]>(row.correct, []),
    tolerance: row.tolerance,
    explanation: row.explanation,
  };
}

function toQuiz(row: QuizRow): QuizContent {
  return {
    id: row.id,
    key: row.key,
    kind: row.kind === "final" ? "final" : "lesson",
    passPercent: row.passPercent,
    lessonId: row.lessonId,
    questions: row.questions.map(toQuestion),
  };
}

type LessonRow = {
  id: string;
  key: string;
  title: string;
  objectives: string;
  keyPoints: string;
  estimatedMinutes: number;
  parts: Array<{ body: string }>;
  exercises: Array<{
    id: string;
    key: string;
    title: string;
    prompt: string;
    solution: string | null;
  }>;
  quiz: QuizRow | null;
};

function toLesson(lesson: LessonRow): LessonContent {
  return {
    id: lesson.id,
    key: lesson.key,
    title: lesson.title,
    objectives: stringList(lesson.objectives),
    keyPoints: stringList(lesson.keyPoints),
    estimatedMinutes: lesson.estimatedMinutes,
    parts: lesson.parts.map((part) => part.body),
    exercises: lesson.exercises.map(({ id, key, title, prompt, solution }) => ({
      id,
      key,
      title,
      prompt,
      solution,
    })),
    quiz: lesson.quiz && lesson.quiz.questions.length > 0 ? toQuiz(lesson.quiz) : null,
  };
}

type CourseRow = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  description: string;
  level: string;
  language: string;
  topics: string;
  instructorName: string;
  estimatedMinutes: number;
  completionRule: string;
  attribution: string | null;
  license: string | null;
  sourceUrl: string | null;
  contentHash: string;
  updatedAt: Date;
  lessons: LessonRow[];
  quizzes: QuizRow[];
};

function toCourseContent(row: CourseRow): CourseContent {
  const final = row.quizzes[0];
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    description: row.description,
    level: row.level,
    language: row.language,
    topics: stringList(row.topics),
    instructorName: row.instructorName,
    estimatedMinutes: row.estimatedMinutes,
    lessonCount: row.lessons.length,
    contentHash: versionOf(row),
    completionRule: parseCompletionRule(row.completionRule),
    attribution: row.attribution,
    license: row.license,
    sourceUrl: row.sourceUrl,
    lessons: row.lessons.map(toLesson),
    finalQuiz: final && final.questions.length > 0 ? toQuiz(final) : null,
  };
}

/** The version the content cache compares: the import's hash and the row's update time. */
function versionOf(row: { contentHash: string; updatedAt: Date }): string {
  return `${row.contentHash}@${row.updatedAt.getTime()}`;
}

const quizInclude = { questions: { orderBy: { position: "asc" } } } as const;

/** {@link CatalogStore} on Prisma. */
export function createCatalogStore(db: Db): CatalogStore {
  return {
    async listCourses() {
      const rows = await db.course.findMany({
        where: { published: true },
        orderBy: { title: "asc" },
        include: { _count: { select: { lessons: true } } },
      });
      return rows.map((row) => ({
        id: row.id,
        slug: row.slug,
        title: row.title,
        summary: row.summary,
        level: row.level,
        language: row.language,
        topics: stringList(row.topics),
        instructorName: row.instructorName,
        estimatedMinutes: row.estimatedMinutes,
        lessonCount: row._count.lessons,
        contentHash: versionOf(row),
      }));
    },

    async contentVersion(courseId) {
      const row = await db.course.findUnique({
        where: { id: courseId },
        select: { contentHash: true, updatedAt: true },
      });
      return row ? versionOf(row) : null;
    },

    async loadCourse(courseId) {
      const row = await db.course.findUnique({
        where: { id: courseId },
        include: {
          lessons: {
            orderBy: { position: "asc" },
            include: {
              parts: { orderBy: { position: "asc" } },
              exercises: { orderBy: { position: "asc" } },
              quiz: { include: quizInclude },
            },
          },
          quizzes: { where: { kind: "final" }, include: quizInclude },
        },
      });
      return row ? toCourseContent(row) : null;
    },

    async courseOfQuiz(quizId) {
      const row = await db.quiz.findUnique({ where: { id: quizId }, select: { courseId: true } });
      return row?.courseId ?? null;
    },

    async ratingSummary(courseId, recent) {
      const [aggregate, rows] = await Promise.all([
        db.review.aggregate({ where: { courseId }, _avg: { rating: true }, _count: true }),
        db.review.findMany({
          where: { courseId, NOT: { text: "" } },
          orderBy: { updatedAt: "desc" },
          take: recent,
          include: { learner: { select: { displayName: true } } },
        }),
      ]);
      return {
        average: aggregate._avg.rating,
        count: aggregate._count,
        recent: rows.map((row) => ({
          rating: row.rating,
          text: row.text,
          learnerName: row.learner.displayName,
          verified: row.verified,
          updatedAt: row.updatedAt,
        })),
      };
    },

    async recordEvent(event) {
      await db.analyticsEvent.create({
        data: {
          id: newId(),
          name: event.name,
          learnerId: event.learnerId ?? null,
          courseId: event.courseId ?? null,
          props: JSON.stringify(event.props ?? {}),
          createdAt: event.at,
        },
      });
    },
  };
}
