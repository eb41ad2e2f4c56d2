import type { CourseListing } from "../ports/catalog.js";
import { editDistance } from "../text/edit-distance.js";

/** Courses whose title, summary, slug or topics contain every word of `query` (case-insensitive). */
export function matchCourses(courses: CourseListing[], query: string): CourseListing[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return courses;
  return courses.filter((course) => {
    const haystack = [course.title, course.summary, course.slug, ...course.topics]
      .join(" ")
      .toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/**
 * The courses closest to a slug that does not exist: substring matches first, then slugs or
 * titles within a few edits, at most `limit`.
 */
export function closestCourses(
  courses: CourseListing[],
  wanted: string,
  limit = 3,
): CourseListing[] {
  const needle = wanted.toLowerCase();
  const scored = courses.map((course) => {
    const slug = course.slug.toLowerCase();
    const title = course.title.toLowerCase();
    const contains = slug.includes(needle) || needle.includes(slug) || title.includes(needle);
    const distance = Math.min(editDistance(needle, slug), editDistance(needle, title));
    return { course, score: contains ? 0 : distance };
  });
  const threshold = Math.max(2, Math.floor(needle.length / 3));
  return scored
    .filter((entry) => entry.score <= threshold)
    .sort((a, b) => a.score - b.score || a.course.title.localeCompare(b.course.title))
    .slice(0, limit)
    .map((entry) => entry.course);
}
