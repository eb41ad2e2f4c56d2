import express, { type Express, type Router } from "express";
import type { Logger } from "../core/logger.js";

/** Builds the Express app from route groups; adapters add their webhook routers the same way. */
export function createWebApp(routers: Router[], logger: Logger): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  for (const router of routers) app.use(router);
  app.use((_req, res) => {
    res.status(404).type("text/plain").send("Not found. Try /courses or /chat.");
  });
  app.use(
    (
      error: Error & { status?: number; type?: string },
      req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      if (error.type === "entity.parse.failed") {
        res.status(400).json({ error: "The request body is not valid JSON." });
        return;
      }
      if (error.type === "entity.too.large") {
        res.status(413).json({ error: "The request body is too large." });
        return;
      }
      if (error instanceof URIError || error.status === 400) {
        // A malformed %-escape in the path: the client's mistake, not ours.
        res
          .status(400)
          .type("text/plain")
          .send("Bad request: the address has an invalid % escape.");
        return;
      }
      logger.error({ err: error, path: req.path }, "request failed");
      res.status(500).json({ error: "Internal error; nothing was saved. Please try again." });
    },
  );
  return app;
}
