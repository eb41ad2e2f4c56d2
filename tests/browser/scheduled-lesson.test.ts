/// <reference lib="dom" />
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStudyHall, type StudyHall } from "../../app/compose.js";
import { createScheduling } from "../../app/compose-schedule.js";
import { loadConfig } from "../../app/config.js";
import { ManualClock } from "../../core/clock.js";
import { silentLogger } from "../../core/logger.js";
import { createAccountStore } from "../../prisma/store/accounts.js";

const CHROMIUM = "/usr/bin/chromium";

let hall: StudyHall;
let base: string;
let dir: string;
let browser: Browser;
const clock = new ManualClock(new Date("2026-12-07T08:00:00Z"));

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the browser test drives Debian's chromium. Run ` +
        "`apt-get update && apt-get install -y chromium` (never `npx playwright install`).",
    );
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "studyhall-scheduled-"));
  const config = loadConfig({
    DATABASE_URL: `file:${path.join(dir, "scheduled.db")}`,
    PORT: "0",
    STUDYHALL_SEED_DEMO: "1",
    CERTIFICATE_KEY_FILE: path.join(dir, "certificate-key.pem"),
  });
  hall = await createStudyHall(config, { clock, logger: silentLogger });
  const { port } = await hall.start();
  base = `http://127.0.0.1:${port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM });
});

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("scheduled learning in the web chat", () => {
  it("shows the next lesson at the learner's hour without being asked", async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    // The process's own planner runs on a real-time cron; the test ticks one on the fake clock.
    const planner = createScheduling({
      db: hall.db,
      accounts: createAccountStore(hall.db),
      adapters: [],
      clock,
      logger: silentLogger,
      config: hall.config.delivery,
    });
    const type = async (text: string, answer: string) => {
      await page.locator("#message-input").fill(text);
      await page.keyboard.press("Enter");
      await page.locator("li.message.theirs", { hasText: answer }).last().waitFor();
    };
    await page.goto(`${base}/chat`);
    await page.locator("#name-input").fill("Ada Lovelace");
    await page.keyboard.press("Enter");
    await page.locator("li.message.theirs").first().waitFor();

    await type("/enroll sql-for-data-analysis", "You are enrolled in");
    await type("/settings timezone Europe/Berlin", "Europe/Berlin");
    await type("/settings hour 9:30", "9:30");
    // 09:29 in Berlin (UTC+1 in December): nothing is due yet.
    clock.set(new Date("2026-12-07T08:29:00Z"));
    await planner.tick();
    const early = await hall.db.delivery.count({ where: { platform: "web" } });
    clock.set(new Date("2026-12-07T08:31:00Z"));
    await planner.tick();

    const pushed = page.locator("li.message.pushed").first();
    await pushed.waitFor({ timeout: 15_000 });
    expect(early).toBe(0);
    expect(await pushed.textContent()).toContain("SQL for Data Analysis");
    expect(await pushed.textContent()).toContain("Your lesson for today");
    // One delivery (the lesson, in several messages), sent once.
    expect(await hall.db.delivery.count({ where: { platform: "web", status: "sent" } })).toBe(1);
    const inbox = await hall.db.webInboxMessage.count();
    expect(await page.locator("li.message.pushed").count()).toBe(inbox);
    await page.screenshot({
      path: path.join(os.tmpdir(), "studyhall-screenshots", "chat-375-scheduled.png"),
    });
    await page.close();
  });
});
