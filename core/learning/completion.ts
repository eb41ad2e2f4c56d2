import { actionId } from "../conversation/action-id.js";
import type { TurnContext } from "../conversation/command.js";
import { newId } from "../ids.js";
import type { Reply } from "../messages.js";
import type { CourseContent, LessonContent, QuizContent } from "../ports/catalog.js";
import type { CertificateRecord } from "../ports/certificates.js";
import type { AttemptRecord, ExerciseResultRecord, ProgressRecord } from "../ports/learning.js";
import { canonicalCertificateJson } from "./certificate-signature.js";
import { certificateUrl, type LearningDeps } from "./learning-deps.js";
import {
  attemptPercent,
  bestAttempt,
  passPercentOf,
  progressByLesson,
  type Study,
} from "./study.js";

/** Everything known about a learner's standing in one course. */
export interface CourseStanding {
  progress: Map<string, ProgressRecord>;
  exercises: Map<string, ExerciseResultRecord>;
  attempts: AttemptRecord[];
  /** Ids of lessons whose parts, exercises and quiz are all done. */
  lessonsDone: Set<string>;
  /** Lesson quizzes finished but whose best score is below the pass mark. */
  belowPass: QuizContent[];
  /** Whether the final exam still has to be passed. */
  finalPending: boolean;
  /** The course's completion rule is met. */
  complete: boolean;
}

/** True when the lesson's parts were all seen, its exercises judged and its quiz finished. */
export function isLessonDone(
  lesson: LessonContent,
  progress: ProgressRecord | undefined,
  exercises: Map<string, ExerciseResultRecord>,
  attempts: AttemptRecord[],
): boolean {
  if ((progress?.partsSeen ?? 0) < lesson.parts.length) return false;
  if (lesson.exercises.some((e) => (exercises.get(e.id)?.understood ?? null) === null))
    return false;
  return !lesson.quiz || bestAttempt(attempts, lesson.quiz.id) !== null;
}

/** Loads a learner's standing in a course in three queries. */
export async function loadStanding(deps: LearningDeps, study: Study): Promise<CourseStanding> {
  const { course, enrollment } = study;
  const quizIds = course.lessons.flatMap((lesson) => (lesson.quiz ? [lesson.quiz.id] : []));
  if (course.finalQuiz) quizIds.push(course.finalQuiz.id);
  const exerciseIds = course.lessons.flatMap((lesson) => lesson.exercises.map((e) => e.id));
  const [progress, results, attempts] = await Promise.all([
    progressByLesson(deps, enrollment.id),
    deps.learning.listExerciseResults(enrollment.learnerId, exerciseIds),
    deps.learning.listAttempts(enrollment.learnerId, quizIds),
  ]);
  const exercises = new Map(results.map((result) => [result.exerciseId, result]));
  const lessonsDone = new Set(
    course.lessons
      .filter((lesson) => isLessonDone(lesson, progress.get(lesson.id), exercises, attempts))
      .map((lesson) => lesson.id),
  );
  const belowPass = course.lessons.flatMap((lesson) => {
    const best = lesson.quiz ? bestAttempt(attempts, lesson.quiz.id) : null;
    return lesson.quiz && best && attemptPercent(best) < passPercentOf(course, lesson.quiz)
      ? [lesson.quiz]
      : [];
  });
  const final = course.completionRule.finalExam ? course.finalQuiz : null;
  const finalBest = final ? bestAttempt(attempts, final.id) : null;
  const finalPending =
    final !== null && (!finalBest || attemptPercent(finalBest) < passPercentOf(course, final));
  const complete =
    lessonsDone.size === course.lessons.length && belowPass.length === 0 && !finalPending;
  return { progress, exercises, attempts, lessonsDone, belowPass, finalPending, complete };
}

/** Issues the learner's certificate for a course once; later calls return the same one. */
export async function issueCertificate(
  deps: LearningDeps,
  ctx: TurnContext,
  course: CourseContent,
): Promise<CertificateRecord> {
  const existing = await deps.certificates.findForCourse(ctx.learner.id, course.id);
  if (existing) return existing;
  const claims = {
    id: newId(),
    learnerName: ctx.learner.displayName,
    courseTitle: course.title,
    courseSlug: course.slug,
    issuer: deps.issuer,
    issuedAt: ctx.now,
  };
  const signature = deps.signer.sign(canonicalCertificateJson(claims));
  return deps.certificates.issue({
    ...claims,
    learnerId: ctx.learner.id,
    courseId: course.id,
    signature,
  });
}

/** Rating buttons 1..5 for a course. */
export function ratingActions(courseId: string) {
  return [1, 2, 3, 4, 5].map((n) => ({ id: actionId("rt", courseId, n), label: "★".repeat(n) }));
}

/** Completes the enrollment, issues the certificate and announces it with its link. */
export async function completeCourse(
  deps: LearningDeps,
  ctx: TurnContext,
  study: Study,
): Promise<Reply[]> {
  const { course, enrollment } = study;
  const certificate = await issueCertificate(deps, ctx, course);
  if (enrollment.status !== "completed") {
    await deps.learning.completeEnrollment(enrollment.id, ctx.now);
    await deps.catalog.recordEvent({
      name: "course_complete",
      learnerId: ctx.learner.id,
      courseId: course.id,
      at: ctx.now,
    });
  }
  const url = certificateUrl(deps, certificate.id);
  const text = [
    `🎓 **You completed ${course.title}!**`,
    `Your certificate: [${url}](${url})`,
    "How would you rate the course? Tap the stars, or send /review <1-5> <a sentence>.",
  ].join("\n\n");
  return [
    {
      text,
      links: [{ label: "Certificate", url }],
      actions: ratingActions(course.id),
      personal: true,
    },
  ];
}
