import type { CourseListing } from "../ports/catalog.js";

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

/** Levenshtein distance between two strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
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
