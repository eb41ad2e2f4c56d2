import type { CatalogEntry } from "../../core/ports/web-pages.js";
import { formatLanguage, formatLevel, formatWorkload, ratingBadge } from "./format.js";
import { html, type SafeHtml } from "./html.js";
import { renderPage } from "./layout.js";

function courseItem(course: CatalogEntry, fromSearch: boolean): SafeHtml {
  // Links from a search say so, for the search click-through rate.
  const href = `/courses/${encodeURIComponent(course.slug)}${fromSearch ? "?ref=search" : ""}`;
  return html`<li class="card course-item">
  <h2><a class="course-link" href="${href}">${course.title}</a></h2>
  <p>${course.summary}</p>
  <ul class="meta" aria-label="Details">
    <li><span class="badge level-${course.level.toLowerCase()}">${formatLevel(course.level)}</span></li>
    <li>${formatLanguage(course.language)}</li>
    <li>${formatWorkload(course.estimatedMinutes)}</li>
    <li>${course.lessonCount} ${course.lessonCount === 1 ? "lesson" : "lessons"}</li>
    <li>${ratingBadge(course.rating, course.ratingCount)}</li>
  </ul>
  ${course.topics.length > 0 ? html`<ul class="topics" aria-label="Topics">${course.topics.map((t) => html`<li>${t}</li>`)}</ul>` : ""}
</li>`;
}

/** The catalog page: every published course, or those matching `query`. */
export function renderCatalogPage(courses: CatalogEntry[], query: string): string {
  const heading = query ? `Courses matching “${query}”` : "Courses";
  const count = `${courses.length} ${courses.length === 1 ? "course" : "courses"}`;
  const empty = query
    ? html`<p class="empty">No course matches “${query}”. <a href="/courses">See every course</a>.</p>`
    : html`<p class="empty">No course has been published yet.</p>`;
  const body = html`<section class="hero">
  <h1>${heading}</h1>
  <p class="lead">Short lessons you take in chat, at your own pace. ${count}.</p>
  <form class="search" role="search" action="/courses" method="get">
    <label for="q" class="visually-hidden">Search courses</label>
    <input id="q" name="q" type="search" value="${query}" placeholder="Search courses" autocomplete="off">
    <button type="submit">Search</button>
  </form>
</section>
${courses.length > 0 ? html`<ul class="course-list">${courses.map((course) => courseItem(course, query !== ""))}</ul>` : empty}`;
  return renderPage({
    title: query ? `Courses: ${query}` : "Courses",
    description: "Courses you can take in the StudyHall chat.",
    section: "courses",
    body,
  });
}
