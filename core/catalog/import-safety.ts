import type { ContentLoss, ImportImpact, ImportOptions } from "../ports/course-import.js";
import type { CoursePackage } from "./course-package.js";

/**
 * Why saving `course` over the stored course must not happen without an explicit flag, or null
 * when it is safe. Removing content cascades to learners' progress, attempts, answers, review
 * items and exercise results, so that needs `--allow-removing-lessons`; a package with another
 * title and no lesson in common is a different course reusing the slug and needs `--replace`.
 */
export function importRefusal(
  course: CoursePackage,
  impact: ImportImpact | null,
  options: ImportOptions,
): string | null {
  if (impact === null || options.replace) return null;
  const stored = `course "${impact.storedTitle}" (slug "${course.slug}")`;
  const lost =
    impact.losses.length > 0 ? `; importing would remove ${describeLosses(impact.losses)}` : "";
  if (impact.storedTitle !== course.title && !impact.sharesLessonKeys) {
    return (
      `slug "${course.slug}" belongs to the stored ${stored}, which has another title and no lesson ` +
      `key in common with this package "${course.title}"${lost}. If this is a different course, ` +
      "give it another slug in its course.yaml; if it really replaces the stored course, " +
      "re-run with --replace. Nothing was imported"
    );
  }
  if (impact.losses.length === 0 || options.allowRemovingLessons) return null;
  return (
    `importing would remove from the stored ${stored} ${describeLosses(impact.losses)}, ` +
    "deleting that learner data. If this is a different course, give it another slug in its " +
    "course.yaml; if the removal is intended, re-run with --allow-removing-lessons. " +
    "Nothing was imported"
  );
}

/** "lessons a, b (2 learners have progress in them) and question q of lesson c (1 learner ...)". */
function describeLosses(losses: ContentLoss[]): string {
  const lessons = losses.filter((loss) => loss.kind === "lesson");
  const parts = losses.filter((loss) => loss.kind !== "lesson");
  const phrases: string[] = [];
  if (lessons.length > 0) {
    const keys = lessons.map((loss) => loss.key).join(", ");
    const noun = lessons.length === 1 ? "lesson" : "lessons";
    phrases.push(
      `${noun} ${keys} (${learnersIn(lessons)} progress in ${lessons.length === 1 ? "it" : "them"})`,
    );
  }
  if (parts.length > 0) {
    const items = parts.map((loss) => `${loss.kind} ${loss.key} of lesson ${loss.lessonKey}`);
    phrases.push(`${items.join(", ")} (${learnersIn(parts)} answers or results on them)`);
  }
  return phrases.join(" and ");
}

function learnersIn(losses: ContentLoss[]): string {
  const count = new Set(losses.flatMap((loss) => loss.learnerIds)).size;
  return count === 1 ? "1 learner has" : `${count} learners have`;
}
