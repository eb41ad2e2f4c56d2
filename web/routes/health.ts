import { Router } from "express";

/** Dependencies of the health route. */
export interface HealthDeps {
  version: string;
  /** Resolves when the database answers a trivial query. */
  pingDatabase(): Promise<void>;
}

/** `GET /healthz`: version and database status; 503 when the database does not answer. */
export function healthRoutes(deps: HealthDeps): Router {
  const router = Router();
  router.get("/healthz", async (_req, res) => {
    try {
      await deps.pingDatabase();
      res.json({ status: "ok", version: deps.version, database: "ok" });
    } catch (error) {
      res.status(503).json({
        status: "degraded",
        version: deps.version,
        database: "unavailable",
        error: (error as Error).message,
      });
    }
  });
  return router;
}
