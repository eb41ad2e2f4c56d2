/// <reference lib="dom" />
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCertificateSigner } from "../../app/certificate-key.js";
import { createStudyHall, type StudyHall } from "../../app/compose.js";
import { loadConfig } from "../../app/config.js";
import { canonicalCertificateJson } from "../../core/learning/certificate-signature.js";
import { silentLogger } from "../../core/logger.js";

const CHROMIUM = "/usr/bin/chromium";
/** Where the screenshots go, for people judging the design. */
const SHOTS = path.join(os.tmpdir(), "studyhall-screenshots");

let hall: StudyHall;
let base: string;
let dir: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the browser test drives Debian's chromium. Run ` +
        "`apt-get update && apt-get install -y chromium` (never `npx playwright install`).",
    );
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "studyhall-browser-"));
  fs.mkdirSync(SHOTS, { recursive: true });
  // The demo catalog goes through the real course importer on first start.
  const config = loadConfig({
    DATABASE_URL: `file:${path.join(dir, "browser.db")}`,
    PORT: "0",
    STUDYHALL_SEED_DEMO: "1",
    CERTIFICATE_KEY_FILE: path.join(dir, "certificate-key.pem"),
  });
  hall = await createStudyHall(config, { logger: silentLogger });
  const { port } = await hall.start();
  base = `http://127.0.0.1:${port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM });
  page = await browser.newPage({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2 });
});

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * The last StudyHall message containing `text`, once it is on screen. A string matches
 * case-insensitively (Playwright's rule); pass a RegExp to match case.
 */
async function reply(text: string | RegExp) {
  const message = page.locator("li.message.theirs", { hasText: text }).last();
  await message.waitFor({ timeout: 10_000 });
  return message;
}

async function type(text: string) {
  await page.locator("#message-input").fill(text);
  await page.keyboard.press("Enter");
}

describe("the web chat at phone width", () => {
  it("asks for a name, then takes a learner from /courses to a lesson part", async () => {
    const course = await hall.db.course.findFirstOrThrow({ orderBy: { title: "asc" } });
    await page.goto(`${base}/chat`);

    // First visit: the name dialog has focus.
    await page.locator("#name-dialog[open]").waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("name-input");
    await page.keyboard.type("Grace Hopper");
    await page.keyboard.press("Enter");
    await page.locator("li.message.theirs").first().waitFor({ timeout: 10_000 });

    await type("/courses");
    const list = await reply(course.title);
    expect(await list.locator("strong").first().textContent()).toBe("Courses");

    // Keyboard only: focus the course's button and press Enter.
    await list.getByRole("button", { name: course.title }).focus();
    await page.keyboard.press("Enter");
    // Case-sensitive: the welcome message mentions "syllabus" too.
    const card = await reply(/Syllabus/);
    expect(await card.locator(".md-heading, strong").first().textContent()).toBe(course.title);
    expect(await card.locator("a.link-chip").getAttribute("href")).toContain(
      `/courses/${course.slug}`,
    );

    await card.getByRole("button", { name: "Enroll" }).click();
    await reply("You are enrolled in");
    const part1 = await reply("part 1 of");
    expect(await part1.locator("em").first().textContent()).toBe("You will learn to:");
    expect(await part1.locator("ul li").count()).toBeGreaterThan(0);

    await part1.getByRole("button", { name: "Next" }).click();
    const part2 = await reply("part 2 of");
    expect(await part2.locator("pre code").count()).toBeGreaterThan(0);
    // After a button press, focus moves to the new message's first button.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Next");

    const learner = await hall.db.learner.findFirstOrThrow({
      where: { accounts: { some: { platform: "web" } } },
    });
    expect(learner.displayName).toBe("Grace Hopper");
    await page.screenshot({ path: path.join(SHOTS, "chat-375.png") });
  });

  it("grades a quiz answer in place of the question whose button was pressed", async () => {
    // Through the rest of the lesson (parts, exercises) to its quiz, one button at a time.
    const question = page.locator("li.message.theirs", { hasText: "question 1 of" });
    for (let step = 0; step < 12 && (await question.count()) === 0; step++) {
      const before = await page.locator("li.message").count();
      await page.locator("li.message.theirs").last().locator("button.action").first().click();
      await page.waitForFunction((n) => document.querySelectorAll("li.message").length > n, before);
      await page.locator("li.message.typing").waitFor({ state: "detached" });
    }
    await question.waitFor();
    const prompt = await question.locator(".md p").nth(1).textContent();

    await question.locator("button.action").first().click();
    const graded = page.locator("li.message.theirs", { hasText: /Correct!|Not quite\./ });
    await graded.waitFor({ timeout: 10_000 });
    await reply("question 2 of");

    expect(await graded.textContent()).toContain(prompt);
    expect(await graded.locator("button.action").count()).toBe(0);
    expect(await page.locator("li.message.theirs", { hasText: "question 1 of" }).count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, "chat-375-quiz.png") });
  });

  it("shows what a learner typed as text, never as markup", async () => {
    await type("<b>bold?</b> & <img src=x onerror=alert(1)>");

    const mine = page.locator("li.message.mine", { hasText: "<b>bold?</b>" }).last();
    await mine.waitFor();
    expect(await mine.locator("b, img").count()).toBe(0);
    await reply("/help");
  });

  it("focuses the text box with the reply's placeholder when StudyHall expects text", async () => {
    await type("/feedback");
    await reply("tell the instructors");

    const focused = await page.evaluate(() => ({
      id: document.activeElement?.id,
      placeholder: (document.activeElement as HTMLTextAreaElement | null)?.placeholder,
    }));
    expect(focused).toEqual({ id: "message-input", placeholder: "What worked, what did not" });
  });

  it("shows a message pushed through the web adapter without being asked", async () => {
    const user = await page.evaluate(() => localStorage.getItem("studyhall.user"));
    const web = hall.adapters.find((adapter) => adapter.platform === "web")!;

    await web.send(user!, [
      { text: "Your next lesson is ready: **Filtering**", actions: [{ id: "x", label: "Open" }] },
    ]);
    const pushed = page.locator("li.message.pushed", { hasText: "Your next lesson is ready" });
    await pushed.waitFor({ timeout: 10_000 });

    expect(await pushed.locator("strong").textContent()).toBe("Filtering");
    expect(await pushed.getByRole("button", { name: "Open" }).count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, "chat-375-pushed.png") });
  });

  it("keeps the conversation and the name after a reload", async () => {
    await page.reload();

    await reply("Your next lesson is ready");
    expect(await page.locator("#name-dialog[open]").count()).toBe(0);
    expect(await page.locator("#who").textContent()).toBe("Grace Hopper");
  });
});

describe("the web chat on a desktop", () => {
  it("opens a course from the course page's link with /start <slug>", async () => {
    const course = await hall.db.course.findFirstOrThrow({ orderBy: { title: "desc" } });
    const desktop = await browser.newPage({ viewport: { width: 1280, height: 800 } });

    await desktop.goto(`${base}/courses/${course.slug}`);
    await desktop.getByRole("link", { name: "Study it in the web chat" }).click();
    await desktop.locator("#name-input").fill("Alan Turing");
    await desktop.keyboard.press("Enter");
    const mine = desktop.locator("li.message.mine", { hasText: `/start ${course.slug}` });
    await mine.waitFor({ timeout: 10_000 });
    const card = desktop.locator("li.message.theirs", { hasText: "Syllabus" });
    await card.waitFor({ timeout: 10_000 });

    expect(await card.getByRole("button", { name: "Enroll" }).count()).toBe(1);
    expect(new URL(desktop.url()).pathname + new URL(desktop.url()).search).toBe("/chat");
    await desktop.screenshot({ path: path.join(SHOTS, "chat-desktop.png") });
    await desktop.close();
  });
});

describe("pages at phone width", () => {
  it("renders the catalog, a course card and a certificate page", async () => {
    const course = await hall.db.course.findFirstOrThrow({ orderBy: { title: "asc" } });
    const learner = await hall.db.learner.findFirstOrThrow();
    const issuedAt = new Date("2026-12-04T09:00:00Z");
    const claims = {
      id: "BROWSER1",
      learnerName: learner.displayName,
      courseTitle: course.title,
      courseSlug: course.slug,
      issuer: hall.config.certificateIssuer,
      issuedAt,
    };
    const signer = loadCertificateSigner(hall.config.certificateKeyFile);
    const { courseSlug: _slug, ...columns } = claims;
    await hall.db.certificate.create({
      data: {
        ...columns,
        learnerId: learner.id,
        courseId: course.id,
        signature: signer.sign(canonicalCertificateJson(claims)),
      },
    });

    await page.goto(`${base}/courses`);
    expect(await page.locator(".course-item").count()).toBeGreaterThan(1);
    await page.screenshot({ path: path.join(SHOTS, "courses-375.png"), fullPage: true });
    await page.goto(`${base}/courses/${course.slug}`);
    expect(await page.locator("h1").textContent()).toBe(course.title);
    await page.screenshot({ path: path.join(SHOTS, "course-375.png"), fullPage: true });
    await page.goto(`${base}/certificates/BROWSER1`);
    expect(await page.locator(".learner-name").textContent()).toBe("Grace Hopper");
    expect(await page.locator(".verify.valid").count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, "certificate-375.png"), fullPage: true });

    // No horizontal scrolling at 375 px on any of them.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(375);
  });
});
