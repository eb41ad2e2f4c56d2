import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { transformSync } from "esbuild";
import express, { Router } from "express";

const here = path.dirname(fileURLToPath(import.meta.url));
/** Static files of the pages and the web chat (HTML, CSS, JavaScript, icon). */
export const PUBLIC_DIR = path.join(here, "..", "public");
const MARKDOWN_SOURCE = path.join(here, "..", "..", "core", "text", "markdown.ts");

/**
 * The core's Markdown-lite parser as a browser module, so the web chat parses replies with the
 * same grammar as every other renderer. Compiled once, on first request.
 */
function markdownModule(): () => string {
  let compiled: string | undefined;
  return () => {
    compiled ??= transformSync(fs.readFileSync(MARKDOWN_SOURCE, "utf8"), {
      loader: "ts",
      format: "esm",
      target: "es2020",
    }).code;
    return compiled;
  };
}

/** `GET /chat` (the web chat page) and `/assets/*` (stylesheets, scripts, icon). */
export function chatPageRoutes(): Router {
  const router = Router();
  const markdown = markdownModule();

  router.get("/chat", (_req, res) => {
    res.set("cache-control", "no-cache").sendFile(path.join(PUBLIC_DIR, "chat.html"));
  });
  router.get("/assets/markdown.js", (_req, res) => {
    res.type("text/javascript").set("cache-control", "no-cache").send(markdown());
  });
  // Revalidated on every load (ETag), so a new release never runs with yesterday's script.
  router.use(
    "/assets",
    express.static(PUBLIC_DIR, {
      index: false,
      setHeaders: (res) => res.setHeader("cache-control", "no-cache"),
    }),
  );
  return router;
}
