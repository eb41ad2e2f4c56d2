import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStudyHall, type StudyHall } from "../../app/compose.js";
import { loadConfig } from "../../app/config.js";
import { importCourseFolders } from "../../core/catalog/import-courses.js";
import { silentLogger } from "../../core/logger.js";
import { createCourseImportStore } from "../../prisma/store/course-import.js";
import type { WebReply } from "../../web/routes/chat-api.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const CARPENTRIES = path.resolve(here, "../../../shared/data/courses/python-novice-inflammation");

/** A learner who talks to StudyHall only through POST /api/chat. */
class WebLearner {
  replies: WebReply[] = [];
  constructor(
    private readonly base: string,
    readonly user: string,
    readonly name: string,
  ) {}

  async send(body: { text: string } | { action: string }): Promise<WebReply[]> {
    const response = await fetch(`${this.base}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user: this.user, name: this.name, ...body }),
    });
    expect(response.status).toBe(200);
    this.replies = ((await response.json()) as { replies: WebReply[] }).replies;
    return this.replies;
  }

  say = (text: string) => this.send({ text });
  press = (action: string) => this.send({ action });

  /** The id of a button among the last replies, by its exact label. */
  button(label: string): string | undefined {
    for (const reply of [...this.replies].reverse()) {
      const action = reply.actions.find((a) => a.label === label);
      if (action) return action.id;
    }
    return undefined;
  }
}

/** What the journey saw, for the assertions. */
interface Journey {
  parts: number;
  exercisesRevealed: number;
  exercisesUnderstood: number;
  questionsAnswered: number;
  quizzesFinished: number;
  certificateUrl: string | null;
}

const RIGHT_ANSWER = /The right answer: ([\s\S]*?)\.\n\n|The right answer: ([\s\S]*)\.$/;

/** Learns quiz answers only from StudyHall's feedback, like a learner retaking a quiz. */
class AnswerMemory {
  private known = new Map<string, string>();

  remember(feedback: string): void {
    const [prompt] = feedback.split(/\n\n(?:✅|❌)/);
    const match = RIGHT_ANSWER.exec(feedback);
    const answer = match?.[1] ?? match?.[2];
    if (prompt && answer) this.known.set(prompt, answer.replace(/ \(give or take [^)]*\)$/, ""));
  }

  recall(questionText: string): string | undefined {
    for (const [prompt, answer] of this.known) if (questionText.includes(prompt)) return answer;
    return undefined;
  }
}

function optionsOf(questionText: string): string[] {
  return [...questionText.matchAll(/^(\d+)\. (.*)$/gm)].map((m) => m[2]!);
}

/** Answers the question in `reply`: from memory when it was missed before, else a guess. */
async function answerQuestion(learner: WebLearner, reply: WebReply, memory: AnswerMemory) {
  const known = memory.recall(reply.text);
  if (reply.expectsText) return learner.say(known ?? "0");
  const options = optionsOf(reply.text);
  if (reply.actions.some((a) => a.label === "Submit")) {
    const picks = known
      ? options.flatMap((o, i) => (`, ${known}, `.includes(`, ${o}, `) ? [i + 1] : []))
      : [1];
    return learner.say(picks.join(","));
  }
  const index = known ? Math.max(0, options.indexOf(known)) : 0;
  return learner.press(reply.actions[index]!.id);
}

/** Follows the course to its end through the chat API alone, as a learner would. */
async function studyToTheEnd(learner: WebLearner, journey: Journey): Promise<void> {
  const memory = new AnswerMemory();
  for (let turn = 0; turn < 600; turn++) {
    for (const reply of learner.replies) {
      if (/^\*\*Lesson \d+ of \d+/.test(reply.text)) journey.parts++;
      if (reply.text.startsWith("**Solution:")) journey.exercisesRevealed++;
      if (reply.text === "Noted: understood ✅") journey.exercisesUnderstood++;
      if (/\n\n(✅ \*\*Correct|❌ \*\*Not quite)/.test(reply.text)) {
        journey.questionsAnswered++;
        memory.remember(reply.text);
      }
      if (reply.text.startsWith("**Quiz finished")) journey.quizzesFinished++;
      const certificate = reply.links?.find((link) => link.label === "Certificate");
      if (certificate) journey.certificateUrl = certificate.url;
    }
    if (journey.certificateUrl) return;
    const last = learner.replies.at(-1)!;
    const question = last.actions.some((a) => a.id.startsWith("qa:")) || last.expectsText;
    if (question) {
      await answerQuestion(learner, last, memory);
      continue;
    }
    const next = ["Retake quiz", "Show solution", "I understood", "Next"]
      .map((label) => learner.button(label))
      .find(Boolean);
    if (next) await learner.press(next);
    else await learner.say("/next");
  }
  throw new Error(`the course did not end; last replies: ${JSON.stringify(learner.replies)}`);
}

describe("a learner takes a course end to end in the web chat", () => {
  let app: StudyHall;
  let base: string;
  let dir: string;
  const started = Date.now();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "studyhall-e2e-"));
    const config = {
      ...loadConfig({}),
      databaseUrl: `file:${path.join(dir, "studyhall.db")}`,
      port: 0,
      publicUrl: "http://studyhall.example",
      certificateKeyFile: path.join(dir, "certificate-key.pem"),
      seedDemo: true,
    };
    app = await createStudyHall(config, { logger: silentLogger });
    const report = await importCourseFolders([CARPENTRIES], createCourseImportStore(app.db));
    expect(report.ok).toBe(true);
    const { port } = await app.start();
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await app?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    console.info(`web chat journey took ${Date.now() - started} ms`);
  });

  it("imports the Carpentries lesson, studies it through POST /api/chat and reads the certificate page", async () => {
    const ada = new WebLearner(base, "ada-e2e", "Ada Lovelace");
    const [welcome] = await ada.say("/start");
    expect(welcome!.text).toContain("Welcome to StudyHall, Ada Lovelace!");

    const [list] = await ada.say("/courses inflammation");
    const slug = /\(`([a-z0-9-]+)`\)/.exec(list!.text)?.[1];
    expect(list!.text).toContain("Programming with Python");
    expect(slug).toBeDefined();

    const enrolled = await ada.say(`/enroll ${slug}`);
    expect(enrolled[0]!.text).toContain(
      "You are enrolled in **Programming with Python**: 5 lessons.",
    );

    const journey: Journey = {
      parts: 0,
      exercisesRevealed: 0,
      exercisesUnderstood: 0,
      questionsAnswered: 0,
      quizzesFinished: 0,
      certificateUrl: null,
    };
    await studyToTheEnd(ada, journey);

    const counts = await app.db.lessonPart.count({ where: { lesson: { course: { slug } } } });
    const exercises = await app.db.exercise.count({ where: { lesson: { course: { slug } } } });
    expect(journey.parts).toBe(counts);
    expect(journey.exercisesRevealed).toBe(
      await app.db.exercise.count({
        where: { lesson: { course: { slug } }, solution: { not: null } },
      }),
    );
    expect(journey.exercisesUnderstood).toBe(exercises);
    expect(exercises).toBeGreaterThan(5);

    const [certificates] = await ada.say("/certificate");
    expect(certificates!.text).toContain("**Programming with Python**");
    const url = new URL(journey.certificateUrl!);
    expect(certificates!.links![0]!.url).toBe(url.href);

    const page = await fetch(`${base}${url.pathname}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain("Ada Lovelace");
    expect(html).toContain("Programming with Python");
    expect(html).toContain("The Carpentries");
    expect(html).toContain("Verified");
  });

  it("takes a demo course with quizzes through the chat API, learning from the feedback", async () => {
    const bob = new WebLearner(base, "bob-e2e", "Bob Quizzer");
    await bob.say("/start");
    await bob.say("/courses sql");
    await bob.say("/enroll sql-for-data-analysis");
    const journey: Journey = {
      parts: 0,
      exercisesRevealed: 0,
      exercisesUnderstood: 0,
      questionsAnswered: 0,
      quizzesFinished: 0,
      certificateUrl: null,
    };
    await studyToTheEnd(bob, journey);

    const questions = await app.db.question.count({
      where: { quiz: { course: { slug: "sql-for-data-analysis" } } },
    });
    expect(journey.questionsAnswered).toBeGreaterThanOrEqual(questions);
    expect(journey.quizzesFinished).toBeGreaterThanOrEqual(4);
    const page = await fetch(`${base}${new URL(journey.certificateUrl!).pathname}`);
    expect(await page.text()).toContain("Bob Quizzer");
  });
});
