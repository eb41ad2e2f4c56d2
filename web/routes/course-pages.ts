import { Router } from "express";
import type { WebPageStore } from "../../core/ports/web-pages.js";
import { renderCoursePage } from "../pages/course-card.js";
import { renderCatalogPage } from "../pages/course-catalog.js";
import { renderNotFoundPage } from "../pages/not-found.js";

/** Longest catalog query read; the rest is ignored. */
const MAX_QUERY = 200;

/** `GET /courses` (catalog, `?q=` filter) and `GET /courses/:slug` (course card). */
export function coursePageRoutes(pages: WebPageStore): Router {
  const router = Router();

  router.get("/courses", async (req, res) => {
    const q = typeof req.query.q === "string" ? req.query.q.trim().slice(0, MAX_QUERY) : "";
    const courses = await pages.listCourses(q);
    res.type("html").send(renderCatalogPage(courses, q));
  });

  router.get("/courses/:slug", async (req, res) => {
    const course = await pages.findCourse(req.params.slug);
    if (!course) {
      const detail = `There is no course with the address “${req.params.slug}”. It may have been renamed or unpublished.`;
      res.status(404).type("html").send(renderNotFoundPage("Course", detail));
      return;
    }
    res.type("html").send(renderCoursePage(course));
  });

  return router;
}
