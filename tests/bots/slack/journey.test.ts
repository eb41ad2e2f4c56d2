import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStudyHall, type StudyHall } from "../../../app/compose.js";
import { loadConfig } from "../../../app/config.js";
import { importCourseFolders } from "../../../core/catalog/import-courses.js";
import { silentLogger } from "../../../core/logger.js";
import { createCourseImportStore } from "../../../prisma/store/course-import.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../fakes/slack/fake-slack-api.js";
import { type Seen, SlackLearner, sectionTexts } from "./slack-learner.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const COURSE = path.join(here, "fixtures/slack-test-course");
const TOKEN = "xoxb-journey";
const SECRET = "journey-secret";

/** What the Home tab shows, as text. */
function homeText(api: FakeSlackApi, userId: string): string {
  const view = api.homeViews.get(userId) as { blocks?: unknown } | undefined;
  return sectionTexts(view?.blocks).join("\n");
}

describe("a Slack learner takes a course end to end", () => {
  let api: FakeSlackApi;
  let app: StudyHall;
  let base: string;
  let dir: string;

  beforeAll(async () => {
    api = await startFakeSlackApi(TOKEN);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "studyhall-slack-"));
    const config = {
      ...loadConfig({
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: api.url,
      }),
      databaseUrl: `file:${path.join(dir, "studyhall.db")}`,
      port: 0,
      publicUrl: "http://studyhall.example",
      certificateKeyFile: path.join(dir, "certificate-key.pem"),
      seedDemo: false,
    };
    app = await createStudyHall(config, {
      logger: silentLogger,
      slack: { processBeforeResponse: true, retries: 0 },
    });
    const report = await importCourseFolders([COURSE], createCourseImportStore(app.db));
    expect(report.ok).toBe(true);
    const { port } = await app.start();
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await app?.stop();
    await api?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("goes from /learn courses to the certificate link, with the Home tab following along", async () => {
    const ada = new SlackLearner(base, api, SECRET, "UADA");
    api.admins.clear();

    await ada.learn("courses sql");
    expect(ada.texts().join("\n")).toContain("Slack Test Course");
    const listing = ada.lastWithButtons();
    await ada.press(listing!, SlackLearner.button(listing, "Slack Test Course")!);
    const card = ada.lastWithButtons();
    await ada.press(card!, SlackLearner.button(card, "Enroll")!);
    expect(ada.texts().join("\n")).toContain("You are enrolled in *Slack Test Course*");
    expect(homeText(api, "UADA")).toContain("0 of 2 lessons");

    const answers: Record<string, string> = {
      "Which keyword reads rows from a table?": "1. SELECT",
      "Which clause keeps only the rows you need?": "WHERE",
    };
    let certificate: string | undefined;
    let longestSection = 0;
    let splitMessages = 0;
    let buttonAnswers = 0;
    let modalAnswers = 0;
    let sawHalfway = false;
    for (let turn = 0; turn < 60 && !certificate; turn++) {
      const texts = ada.texts();
      longestSection = Math.max(longestSection, ...texts.map((t) => t.length));
      if (
        texts.some((t) => t.includes("INSERT INTO orders VALUES (1, 'Item &lt;1&gt; &amp; co'"))
      ) {
        splitMessages = texts.filter((t) => t.includes("INSERT INTO orders")).length;
      }
      certificate = texts
        .join("\n")
        .match(/<(http:\/\/studyhall\.example\/certificates\/[^|>]+)\|Certificate>/)?.[1];
      if (homeText(api, "UADA").includes("1 of 2 lessons")) sawHalfway = true;
      if (certificate) break;

      const modal = ada.openedModal();
      if (modal) {
        const prompt = sectionTexts(modal.blocks).join("\n");
        const answer = Object.entries(answers).find(([q]) => prompt.includes(q))?.[1];
        await ada.submit(modal, answer ?? "no idea");
        modalAnswers++;
        continue;
      }
      const seen: Seen | undefined = ada.lastWithButtons();
      const question = seen?.buttons.find((b) => b.value.startsWith("qa:"));
      if (seen && question) {
        const prompt = sectionTexts(seen.message.blocks).join("\n");
        const label = Object.entries(answers).find(([q]) => prompt.includes(q))?.[1];
        await ada.press(seen, SlackLearner.button(seen, label ?? /^1\./) ?? question);
        buttonAnswers++;
        continue;
      }
      const next = ["Next", "I understood", "Show solution"]
        .map((label) => SlackLearner.button(seen, label))
        .find(Boolean);
      if (seen && next) await ada.press(seen, next);
      else await ada.learn("next");
    }

    expect(certificate).toBeDefined();
    expect(buttonAnswers).toBeGreaterThanOrEqual(1);
    expect(modalAnswers).toBeGreaterThanOrEqual(1);
    expect(splitMessages).toBeGreaterThanOrEqual(4);
    expect(longestSection).toBeLessThanOrEqual(3000);
    expect(sawHalfway).toBe(true);
    const updated = api
      .callsOf("chat.update")
      .map((call) => sectionTexts(call.args.blocks).join(""));
    expect(updated.some((text) => text.includes("Correct"))).toBe(true);

    const home = homeText(api, "UADA");
    expect(home).toContain("Slack Test Course");
    expect(home).toContain("100%");
    expect(home).toContain("2 of 2 lessons");
    expect(home).toContain(`<${certificate}|certificate>`);
    const page = await fetch(`${base}${new URL(certificate!).pathname}`);
    expect(page.status).toBe(200);
  });
});
