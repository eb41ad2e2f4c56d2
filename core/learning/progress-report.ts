import type { TurnContext } from "../conversation/command.js";
import type { Link, Reply } from "../messages.js";
import { bold } from "../text/markdown.js";
import { loadStanding } from "./completion.js";
import { certificateUrl, type LearningDeps } from "./learning-deps.js";
import { currentStreak, localDate } from "./streak.js";
import { attemptPercent, bestAttempt, passPercentOf, type Study } from "./study.js";

/** One course's progress in numbers. */
export interface CourseProgress {
  title: string;
  percent: number;
  lessonsDone: number;
  lessonsTotal: number;
  /** Best score per lesson quiz and whether it reaches the pass mark; null when not taken yet. */
  quizzes: Array<{
    lesson: string;
    correct: number;
    total: number;
    percent: number;
    passed: boolean;
  } | null>;
  exercisesUnderstood: number;
  exercisesTotal: number;
  certificateUrl: string | null;
}

/** Works out a learner's progress in one course. */
export async function courseProgress(deps: LearningDeps, study: Study): Promise<CourseProgress> {
  const { course, enrollment } = study;
  const standing = await loadStanding(deps, study);
  const exercises = course.lessons.flatMap((lesson) => lesson.exercises);
  const understood = exercises.filter((e) => standing.exercises.get(e.id)?.understood === true);
  const quizzes = course.lessons.flatMap((lesson) => {
    if (!lesson.quiz) return [];
    const best = bestAttempt(standing.attempts, lesson.quiz.id);
    return [
      best
        ? {
            lesson: lesson.title,
            correct: best.correct,
            total: best.total,
            percent: attemptPercent(best),
            passed: attemptPercent(best) >= passPercentOf(course, lesson.quiz),
          }
        : null,
    ];
  });
  const total = course.lessons.length;
  const done = standing.lessonsDone.size;
  const certificate =
    enrollment.status === "completed"
      ? await deps.certificates.findForCourse(enrollment.learnerId, course.id)
      : null;
  return {
    title: course.title,
    percent: total === 0 ? 100 : Math.round((done / total) * 100),
    lessonsDone: done,
    lessonsTotal: total,
    quizzes,
    exercisesUnderstood: understood.length,
    exercisesTotal: exercises.length,
    certificateUrl: certificate ? certificateUrl(deps, certificate.id) : null,
  };
}

/** "Quizzes passed: 1 of 2 · best scores: Selecting columns 2 of 3 right (67%)". */
function describeQuizzes(quizzes: CourseProgress["quizzes"]): string {
  if (quizzes.length === 0) return "";
  const taken = quizzes.filter((q) => q !== null);
  const passed = taken.filter((q) => q.passed).length;
  const scores = taken.map((q) => `${q.lesson} ${q.correct} of ${q.total} right (${q.percent}%)`);
  const best = scores.length ? `best scores: ${scores.join(", ")}` : "none taken yet";
  return `Quizzes passed: ${passed} of ${quizzes.length} · ${best}`;
}

function describe(progress: CourseProgress): string {
  const quizLine = describeQuizzes(progress.quizzes);
  const lines = [
    `${bold(progress.title)}: ${progress.percent}% · ${progress.lessonsDone} of ${progress.lessonsTotal} lessons done`,
    quizLine,
    progress.exercisesTotal
      ? `Exercises understood: ${progress.exercisesUnderstood} of ${progress.exercisesTotal}`
      : "",
    progress.certificateUrl ? `Completed: [certificate](${progress.certificateUrl})` : "",
  ];
  return lines.filter(Boolean).join("\n");
}

/** `/progress`: every enrollment's progress and the learner's streak; personal. */
export async function progressReply(deps: LearningDeps, ctx: TurnContext): Promise<Reply> {
  const enrollments = await deps.learning.listEnrollments(ctx.learner.id);
  const sections: string[] = [];
  const links: Link[] = [];
  for (const enrollment of enrollments) {
    const course = await deps.courses.course(enrollment.courseId);
    if (!course) continue;
    const progress = await courseProgress(deps, { enrollment, course });
    sections.push(describe(progress));
    if (progress.certificateUrl)
      links.push({ label: `Certificate: ${course.title}`, url: progress.certificateUrl });
  }
  if (sections.length === 0) {
    return {
      text: "You are not enrolled in any course yet. Send /courses to find one.",
      personal: true,
    };
  }
  const streak = currentStreak(
    await deps.learning.getStreak(ctx.learner.id),
    localDate(ctx.now, ctx.learner.timeZone),
  );
  const streakLine = `Streak: ${streak} day${streak === 1 ? "" : "s"} in a row`;
  return {
    text: ["**Your progress**", streakLine, ...sections].join("\n\n"),
    links: links.length ? links : undefined,
    personal: true,
  };
}

/** `/certificate`: the learner's certificates with their verification links; personal. */
export async function certificatesReply(deps: LearningDeps, ctx: TurnContext): Promise<Reply> {
  const certificates = await deps.certificates.listForLearner(ctx.learner.id);
  if (certificates.length === 0) {
    return {
      text: "You have no certificate yet. Finish a course to earn one; /progress shows how far you are.",
      personal: true,
    };
  }
  const links = certificates.map((c) => ({
    label: c.courseTitle,
    url: certificateUrl(deps, c.id),
  }));
  const lines = certificates.map(
    (c, i) =>
      `- ${bold(c.courseTitle)}, issued ${c.issuedAt.toISOString().slice(0, 10)}${c.revokedAt ? " (revoked)" : ""}: ${links[i]!.url}`,
  );
  return { text: `**Your certificates**\n\n${lines.join("\n")}`, links, personal: true };
}
