import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { createStudyHall, type StudyHall } from "../../../app/compose.js";
import { loadConfig } from "../../../app/config.js";
import { importCourseFolders } from "../../../core/catalog/import-courses.js";
import { silentLogger } from "../../../core/logger.js";
import { createCourseImportStore } from "../../../prisma/store/course-import.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../fakes/slack/fake-slack-api.js";

const here = path.dirname(fileURLToPath(import.meta.url));
/** The test course: a short lesson with a button quiz, a long one with a typed answer. */
export const TEST_COURSE = path.join(here, "fixtures/slack-test-course");
export const TOKEN = "xoxb-journey";
export const SECRET = "journey-secret";

/** StudyHall composed with Slack in HTTP mode, the fake Web API and the test course. */
export interface SlackStudyHall {
  api: FakeSlackApi;
  app: StudyHall;
  base: string;
  close(): Promise<void>;
}

/** Starts the fake Web API, then StudyHall through compose, and imports the test course. */
export async function startSlackStudyHall(
  env: Record<string, string> = {},
): Promise<SlackStudyHall> {
  const api = await startFakeSlackApi(TOKEN);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studyhall-slack-"));
  const config = {
    ...loadConfig({
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: api.url,
      ...env,
    }),
    databaseUrl: `file:${path.join(dir, "studyhall.db")}`,
    port: 0,
    publicUrl: "http://studyhall.example",
    certificateKeyFile: path.join(dir, "certificate-key.pem"),
    seedDemo: false,
  };
  const app = await createStudyHall(config, {
    logger: silentLogger,
    slack: { processBeforeResponse: true, retries: 0 },
  });
  const report = await importCourseFolders([TEST_COURSE], createCourseImportStore(app.db));
  expect(report.ok).toBe(true);
  const { port } = await app.start();
  return {
    api,
    app,
    base: `http://127.0.0.1:${port}`,
    async close() {
      await app.stop();
      await api.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
