import type { CoursePage, CourseReviewView, SyllabusModule } from "../../core/ports/web-pages.js";
import { formatDate, formatLanguage, formatLevel, formatWorkload, ratingBadge } from "./format.js";
import { html, type SafeHtml, safeUrl } from "./html.js";
import { renderPage } from "./layout.js";
import { markdownToHtml } from "./markdown-html.js";

function syllabusHtml(modules: SyllabusModule[]): SafeHtml {
  let number = 0;
  const lessons = (module: SyllabusModule) =>
    module.lessons.map((lesson) => {
      number += 1;
      return html`<li class="lesson">
  <div class="lesson-head"><span class="lesson-number" aria-hidden="true">${number}</span><h4>${lesson.title}</h4><span class="muted">${formatWorkload(lesson.estimatedMinutes)}</span></div>
  ${lesson.objectives.length > 0 ? html`<ul class="objectives" aria-label="Objectives">${lesson.objectives.map((o) => html`<li>${o}</li>`)}</ul>` : ""}
</li>`;
    });
  return html`${modules.map(
    (module) => html`${module.title ? html`<h3 class="module-title">${module.title}</h3>` : ""}
<ol class="syllabus">${lessons(module)}</ol>`,
  )}`;
}

function reviewHtml(review: CourseReviewView): SafeHtml {
  return html`<li class="review">
  <p class="review-head">${ratingBadge(review.rating, 1)} <strong>${review.learnerName}</strong>${review.verified ? html` <span class="badge verified">Verified learner</span>` : ""} <span class="muted">${formatDate(review.date)}</span></p>
  ${review.text ? html`<p>${review.text}</p>` : ""}
</li>`;
}

/** Attribution, licence and source link of material that came from elsewhere. */
export function attributionHtml(course: {
  attribution: string | null;
  license: string | null;
  sourceUrl: string | null;
}): SafeHtml {
  if (!course.attribution && !course.license && !course.sourceUrl) return html``;
  return html`<section class="attribution" aria-labelledby="attribution-title">
  <h2 id="attribution-title">Attribution and licence</h2>
  ${course.attribution ? html`<p>${course.attribution}</p>` : ""}
  ${course.license ? html`<p>Licence: <strong>${course.license}</strong></p>` : ""}
  ${course.sourceUrl ? html`<p>Source: <a href="${safeUrl(course.sourceUrl)}" rel="noopener">${course.sourceUrl}</a></p>` : ""}
</section>`;
}

/** The course card: description, syllabus, instructor, workload, rating, reviews, licence. */
export function renderCoursePage(course: CoursePage): string {
  const chatHref = `/chat?start=${encodeURIComponent(course.slug)}`;
  const body = html`<p class="breadcrumb"><a class="back-link" href="/courses">← All courses</a></p>
<article class="course">
  <header class="card course-hero">
    <h1>${course.title}</h1>
    <p class="lead">${course.summary}</p>
    <dl class="facts">
      <div><dt>Instructor</dt><dd>${course.instructorName}</dd></div>
      <div><dt>Level</dt><dd>${formatLevel(course.level)}</dd></div>
      <div><dt>Workload</dt><dd>${formatWorkload(course.estimatedMinutes)} · ${course.lessonCount} ${course.lessonCount === 1 ? "lesson" : "lessons"}</dd></div>
      <div><dt>Language</dt><dd>${formatLanguage(course.language)}</dd></div>
      <div><dt>Rating</dt><dd>${ratingBadge(course.rating, course.ratingCount)}</dd></div>
    </dl>
    ${course.topics.length > 0 ? html`<ul class="topics" aria-label="Topics">${course.topics.map((t) => html`<li>${t}</li>`)}</ul>` : ""}
    <p><a class="button" href="${chatHref}">Study it in the web chat</a></p>
  </header>
  ${course.description ? html`<section aria-labelledby="about-title"><h2 id="about-title">About this course</h2><div class="prose">${markdownToHtml(course.description)}</div></section>` : ""}
  <section aria-labelledby="syllabus-title">
    <h2 id="syllabus-title">Syllabus</h2>
    ${syllabusHtml(course.syllabus)}
  </section>
  <section aria-labelledby="reviews-title">
    <h2 id="reviews-title">Reviews</h2>
    ${course.reviews.length > 0 ? html`<ul class="reviews">${course.reviews.map(reviewHtml)}</ul>` : html`<p class="muted">No reviews yet. Learners can review a course from the chat once they have studied it.</p>`}
  </section>
  ${attributionHtml(course)}
</article>`;
  return renderPage({ title: course.title, description: course.summary, section: "courses", body });
}
