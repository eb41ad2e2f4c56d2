import { Router } from "express";

/** `GET /`: sends visitors to the catalog, which links to the web chat. */
export function homeRoutes(): Router {
  const router = Router();
  router.get("/", (_req, res) => res.redirect(302, "/courses"));
  return router;
}
