import { Router } from "express";
import type { Clock } from "../../core/clock.js";
import type { Logger } from "../../core/logger.js";
import type { PageEvent, WebPageStore } from "../../core/ports/web-pages.js";
import { renderCoursePage } from "../pages/course-card.js";
import { renderCatalogPage } from "../pages/course-catalog.js";
import { renderNotFoundPage } from "../pages/not-found.js";

/** Longest catalog query read; the rest is ignored. */
const MAX_QUERY = 200;

/** Dependencies of {@link coursePageRoutes}. */
export interface CoursePageDeps {
  pages: WebPageStore;
  clock: Clock;
  logger: Logger;
}

/** `GET /courses` (catalog, `?q=` filter) and `GET /courses/:slug` (course card). */
export function coursePageRoutes(deps: CoursePageDeps): Router {
  const router = Router();
  const { pages } = deps;
  // Numbers must never cost a visitor the page: a failed write is logged, not raised.
  const record = (event: Omit<PageEvent, "at">) =>
    pages
      .recordPageEvent({ ...event, at: deps.clock.now() })
      .catch((error) => deps.logger.warn({ err: error }, "page analytics event not recorded"));

  router.get("/courses", async (req, res) => {
    const q = typeof req.query.q === "string" ? req.query.q.trim().slice(0, MAX_QUERY) : "";
    const courses = await pages.listCourses(q);
    if (q) await record({ name: "search", props: { query: q, results: courses.length } });
    res.type("html").send(renderCatalogPage(courses, q));
  });

  router.get("/courses/:slug", async (req, res) => {
    const course = await pages.findCourse(req.params.slug);
    if (!course) {
      const detail = `There is no course with the address “${req.params.slug}”. It may have been renamed or unpublished.`;
      res.status(404).type("html").send(renderNotFoundPage("Course", detail));
      return;
    }
    if (req.query.ref === "search") await record({ name: "search_click", courseId: course.id });
    await record({ name: "course_view", courseId: course.id });
    res.type("html").send(renderCoursePage(course));
  });

  return router;
}
