import type { Clock } from "../../core/clock.js";
import type { LearningDeps } from "../../core/learning/learning-deps.js";
import { courseProgress } from "../../core/learning/progress-report.js";
import { currentStreak, localDate } from "../../core/learning/streak.js";
import type { CourseListing } from "../../core/ports/catalog.js";
import type { HomeCourse, HomeSnapshot, HomeSource } from "./home-view.js";

/** Picks a course to take next: one sharing a topic with the learner's courses, else any. */
export function recommendCourse(
  listings: CourseListing[],
  enrolledIds: ReadonlySet<string>,
): CourseListing | null {
  const enrolled = listings.filter((course) => enrolledIds.has(course.id));
  const topics = new Set(enrolled.flatMap((course) => course.topics));
  const open = listings.filter((course) => !enrolledIds.has(course.id));
  return open.find((course) => course.topics.some((t) => topics.has(t))) ?? open[0] ?? null;
}

/** The Home tab's data read through the learning core's services. */
export function learningHomeSource(deps: LearningDeps, clock: Clock): HomeSource {
  return {
    async snapshot(learner): Promise<HomeSnapshot> {
      const enrollments = await deps.learning.listEnrollments(learner.id);
      const courses: HomeCourse[] = [];
      for (const enrollment of enrollments) {
        const course = await deps.courses.course(enrollment.courseId);
        if (!course) continue;
        const progress = await courseProgress(deps, { enrollment, course });
        courses.push({
          title: course.title,
          slug: course.slug,
          percent: progress.percent,
          lessonsDone: progress.lessonsDone,
          lessonsTotal: progress.lessonsTotal,
          completed: enrollment.status === "completed",
          certificateUrl: progress.certificateUrl,
        });
      }
      const streak = await deps.learning.getStreak(learner.id);
      const today = localDate(clock.now(), learner.timeZone);
      const enrolledIds = new Set(enrollments.map((e) => e.courseId));
      const next = recommendCourse(await deps.courses.listings(), enrolledIds);
      return {
        streakDays: currentStreak(streak, today),
        courses,
        recommended: next ? { title: next.title, slug: next.slug, summary: next.summary } : null,
      };
    },
  };
}
