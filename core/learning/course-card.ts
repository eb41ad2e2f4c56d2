import { actionId } from "../conversation/action-id.js";
import type { Action, Reply } from "../messages.js";
import type { CourseContent, CourseListing, RatingSummary } from "../ports/catalog.js";
import { bold } from "../text/markdown.js";

/** "about 1 h 30 min" from minutes. */
export function formatDuration(minutes: number): string {
  if (minutes < 60) return `about ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `about ${hours} h${rest ? ` ${rest} min` : ""}`;
}

/** One line of a course list. */
export function listingLine(course: CourseListing): string {
  const topics = course.topics.length ? ` · ${course.topics.slice(0, 3).join(", ")}` : "";
  return `- ${bold(course.title)} (\`${course.slug}\`): ${course.summary} _${course.level}, ${course.lessonCount} lessons, ${formatDuration(course.estimatedMinutes)}${topics}_`;
}

/** Button that opens a course card; `fromSearch` marks it for click-through analytics. */
export function openCourseAction(course: CourseListing, fromSearch = false): Action {
  const id = fromSearch ? actionId("co", course.id, "s") : actionId("co", course.id);
  return { id, label: course.title.slice(0, 60) };
}

function stars(average: number): string {
  return `${"★".repeat(Math.round(average))}${"☆".repeat(5 - Math.round(average))}`;
}

function ratingLines(rating: RatingSummary): string[] {
  if (rating.count === 0 || rating.average === null) return ["Rating: no reviews yet."];
  const lines = [
    `Rating: ${stars(rating.average)} ${rating.average.toFixed(1)} from ${rating.count} review${rating.count === 1 ? "" : "s"}`,
  ];
  for (const review of rating.recent) {
    const badge = review.verified ? ", completed the course" : "";
    lines.push(`> ${review.rating}/5 "${review.text}" (${review.learnerName}${badge})`);
  }
  return lines;
}

/** The course card: what the course is, its syllabus, workload, rating and the Enroll button. */
export function renderCourseCard(
  course: CourseContent,
  rating: RatingSummary,
  options: { enrolled: boolean; publicUrl: string },
): Reply {
  const syllabus = course.lessons.map((lesson, i) => `${i + 1}. ${lesson.title}`).join("\n");
  const facts = [
    `Level: ${course.level} · Language: ${course.language}`,
    course.topics.length ? `Topics: ${course.topics.join(", ")}` : "",
    `Instructor: ${course.instructorName}`,
    `Workload: ${formatDuration(course.estimatedMinutes)}, ${course.lessons.length} lessons`,
  ].filter(Boolean);
  const credit = [
    course.attribution ? `Material: ${course.attribution}` : "",
    course.license ? `Licence: ${course.license}` : "",
  ].filter(Boolean);
  const text = [
    `${bold(course.title)}`,
    course.summary,
    facts.join("\n"),
    syllabus ? `**Syllabus**\n${syllabus}` : "",
    ratingLines(rating).join("\n"),
    credit.join("\n"),
  ]
    .filter(Boolean)
    .join("\n\n");
  const action: Action = options.enrolled
    ? { id: actionId("nx", course.id), label: "Continue", style: "primary" }
    : { id: actionId("en", course.id), label: "Enroll", style: "primary" };
  const links = [{ label: "Course page", url: `${options.publicUrl}/courses/${course.slug}` }];
  if (course.sourceUrl) links.push({ label: "Source", url: course.sourceUrl });
  return { text, actions: [action], links };
}
