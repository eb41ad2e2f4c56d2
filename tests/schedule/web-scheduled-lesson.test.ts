import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStudyHall, type StudyHall } from "../../app/compose.js";
import { loadConfig } from "../../app/config.js";
import { ManualClock } from "../../core/clock.js";
import { silentLogger } from "../../core/logger.js";
import { createLessonPlanner } from "../../core/schedule/plan-lessons.js";
import { createScheduleStore } from "../../prisma/store/schedule.js";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";
import { seedCourse } from "./support/seed.js";

// End to end on the embedded default: a new web chat user sets /settings, the clock passes
// their hour, the planner runs as the minute tick would, and the web dispatcher started by
// StudyHall pushes the lesson to the page's server-sent event stream without being asked.
describe("scheduled lessons in the web chat", () => {
  let database: TestDatabase;
  let dir: string;
  let hall: StudyHall;
  let base: string;
  const clock = new ManualClock("2027-03-10T06:00:00Z");

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "studyhall-schedule-web-"));
    database = await createTestDatabase("sqlite");
    const config = loadConfig({
      DATABASE_URL: database.url,
      PORT: "0",
      STUDYHALL_SEED_DEMO: "0",
      CERTIFICATE_KEY_FILE: path.join(dir, "key.pem"),
      LOG_LEVEL: "silent",
    });
    hall = await createStudyHall(config, { logger: silentLogger, clock });
    const { port } = await hall.start();
    base = `http://127.0.0.1:${port}`;
    await seedCourse(hall.db, "sql-basics", 3, 2);
  }, 60_000);

  afterAll(async () => {
    await hall.stop();
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function chat(text: string): Promise<string> {
    const response = await fetch(`${base}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user: "web-ada", name: "Ada", text }),
    });
    const body = (await response.json()) as { replies: Array<{ text: string }> };
    return body.replies.map((reply) => reply.text).join("\n");
  }

  it("delivers the next lesson at the learner's hour over the event stream", async () => {
    await chat("/enroll sql-basics");
    const enrolled = await hall.db.enrollment.count({ where: { status: "active" } });
    expect(enrolled).toBe(1);
    expect(await chat("/settings timezone Berlin")).toContain(
      "Time zone set to Berlin (Europe/Berlin).",
    );
    const hour = await chat("/settings hour 8:30");
    expect(hour).toContain("Lessons now arrive at 8:30 your time.");
    expect(hour).toContain("Next one: Wed 10 Mar, 8:30 (Europe/Berlin).");

    const controller = new AbortController();
    const stream = await fetch(`${base}/api/chat/stream?user=web-ada`, {
      signal: controller.signal,
    });
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let seen = "";

    const planner = createLessonPlanner({
      schedule: createScheduleStore(hall.db),
      clock,
      logger: silentLogger,
    });
    clock.set("2027-03-10T07:29:00Z"); // 08:29 in Berlin: not yet
    expect((await planner.run()).planned).toBe(0);
    clock.set("2027-03-10T07:30:00Z"); // 08:30 in Berlin
    expect((await planner.run()).planned).toBe(1);

    const deadline = Date.now() + 15_000;
    while (!seen.includes("Your lesson for today") && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += decoder.decode(value, { stream: true });
    }
    controller.abort();
    expect(seen).toContain("**Your lesson for today** in Course sql-basics");
    // The send is recorded just after the page got it.
    let row = await hall.db.delivery.findFirstOrThrow({ where: { kind: "lesson" } });
    for (let i = 0; i < 100 && row.status !== "sent"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      row = await hall.db.delivery.findFirstOrThrow({ where: { kind: "lesson" } });
    }
    expect(row).toMatchObject({ platform: "web", target: "web-ada", status: "sent", attempts: 1 });
  }, 30_000);
});
