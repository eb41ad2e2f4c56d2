import type { CoursePackage, LessonSpec } from "../../core/catalog/course-package.js";
import type { ContentLoss, ImportImpact } from "../../core/ports/course-import.js";
import type { Prisma } from "../../generated/sqlite/client.js";

type Tx = Prisma.TransactionClient;

/** Stored content the import would delete, with the ids of every row that cascades from it. */
interface Doomed {
  kind: ContentLoss["kind"];
  lessonKey: string;
  key: string;
  lessonIds: string[];
  quizIds: string[];
  questionIds: string[];
  exerciseIds: string[];
}

const STORED_LESSONS = {
  select: {
    id: true,
    key: true,
    exercises: { select: { id: true, key: true } },
    quiz: { select: { id: true, key: true, questions: { select: { id: true, key: true } } } },
  },
} as const;

type StoredLesson = Prisma.LessonGetPayload<typeof STORED_LESSONS>;

/**
 * Compares `course` with the stored course of its slug the way the importer writes it (rows
 * matched by key; lessons, exercises, quizzes and questions without a match are deleted) and
 * reports which deletions would take learners' rows with them. Null when nothing is stored.
 */
export async function importImpact(tx: Tx, course: CoursePackage): Promise<ImportImpact | null> {
  const stored = await tx.course.findUnique({
    where: { slug: course.slug },
    select: { title: true, lessons: { ...STORED_LESSONS, orderBy: { position: "asc" } } },
  });
  if (!stored) return null;
  const wanted = new Map(course.lessons.map((lesson) => [lesson.key, lesson]));
  const doomed = stored.lessons.flatMap((lesson) => doomedIn(lesson, wanted.get(lesson.key)));
  const learners = await learnersOn(tx, doomed);
  const losses = doomed
    .map(({ kind, lessonKey, key }, index) => ({
      kind,
      lessonKey,
      key,
      learnerIds: [...(learners[index] ?? [])].sort(),
    }))
    .filter((loss) => loss.learnerIds.length > 0);
  return {
    storedTitle: stored.title,
    sharesLessonKeys: stored.lessons.some((lesson) => wanted.has(lesson.key)),
    losses,
  };
}

/** What of one stored lesson the package drops: all of it, or some exercises, quiz, questions. */
function doomedIn(lesson: StoredLesson, spec: LessonSpec | undefined): Doomed[] {
  const none = { lessonIds: [], quizIds: [], questionIds: [], exerciseIds: [] };
  const base = { lessonKey: lesson.key };
  const quizRows = (quiz: NonNullable<StoredLesson["quiz"]>) => ({
    quizIds: [quiz.id],
    questionIds: quiz.questions.map((question) => question.id),
  });
  if (!spec) {
    return [
      {
        ...base,
        kind: "lesson",
        key: lesson.key,
        ...none,
        lessonIds: [lesson.id],
        exerciseIds: lesson.exercises.map((exercise) => exercise.id),
        ...(lesson.quiz ? quizRows(lesson.quiz) : {}),
      },
    ];
  }
  const exerciseKeys = new Set(spec.exercises.map((exercise) => exercise.key));
  const result: Doomed[] = lesson.exercises
    .filter((exercise) => !exerciseKeys.has(exercise.key))
    .map((exercise) => ({
      ...base,
      kind: "exercise",
      key: exercise.key,
      ...none,
      exerciseIds: [exercise.id],
    }));
  const quiz = lesson.quiz;
  if (!quiz) return result;
  if (spec.quiz?.key !== quiz.key) {
    return [...result, { ...base, kind: "quiz", key: quiz.key, ...none, ...quizRows(quiz) }];
  }
  const questionKeys = new Set(spec.quiz.questions.map((question) => question.key));
  const questions = quiz.questions.filter((question) => !questionKeys.has(question.key));
  return [
    ...result,
    ...questions.map((question) => ({
      ...base,
      kind: "question" as const,
      key: question.key,
      ...none,
      questionIds: [question.id],
    })),
  ];
}

type RowsOf = "lessonIds" | "quizIds" | "questionIds" | "exerciseIds";
type LearnerRow = { id: string; learnerId: string };

/** Per kind of doomed row, the learner rows that reference it (and would cascade away). */
const LEARNER_ROWS: Record<RowsOf, (tx: Tx, ids: string[]) => Promise<LearnerRow[]>> = {
  async lessonIds(tx, ids) {
    const rows = await tx.progress.findMany({
      where: { lessonId: { in: ids } },
      select: { lessonId: true, enrollment: { select: { learnerId: true } } },
    });
    return rows.map((row) => ({ id: row.lessonId, learnerId: row.enrollment.learnerId }));
  },
  async quizIds(tx, ids) {
    const rows = await tx.attempt.findMany({
      where: { quizId: { in: ids } },
      select: { quizId: true, learnerId: true },
      distinct: ["quizId", "learnerId"],
    });
    return rows.map((row) => ({ id: row.quizId, learnerId: row.learnerId }));
  },
  async questionIds(tx, ids) {
    const where = { questionId: { in: ids } };
    const select = { questionId: true, learnerId: true } as const;
    const answers = await tx.answer.findMany({
      where,
      select,
      distinct: ["questionId", "learnerId"],
    });
    const reviews = await tx.reviewItem.findMany({ where, select });
    return [...answers, ...reviews].map((row) => ({
      id: row.questionId,
      learnerId: row.learnerId,
    }));
  },
  async exerciseIds(tx, ids) {
    const rows = await tx.exerciseResult.findMany({
      where: { exerciseId: { in: ids } },
      select: { exerciseId: true, learnerId: true },
    });
    return rows.map((row) => ({ id: row.exerciseId, learnerId: row.learnerId }));
  },
};

/** For each doomed item (by index), the learners with rows that would cascade away with it. */
async function learnersOn(tx: Tx, doomed: Doomed[]): Promise<Array<Set<string>>> {
  const learners = doomed.map(() => new Set<string>());
  for (const field of Object.keys(LEARNER_ROWS) as RowsOf[]) {
    const owner = new Map<string, number>();
    doomed.forEach((item, index) => {
      for (const id of item[field]) owner.set(id, index);
    });
    if (owner.size === 0) continue;
    for (const row of await LEARNER_ROWS[field](tx, [...owner.keys()])) {
      learners[owner.get(row.id)!]!.add(row.learnerId);
    }
  }
  return learners;
}
