import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStudyHall, type StudyHall } from "../../app/compose.js";
import { loadConfig } from "../../app/config.js";
import { silentLogger } from "../../core/logger.js";
import { type FakeOpenAi, startFakeOpenAi } from "../fakes/openai/fake-openai.js";

interface ChatReply {
  text: string;
}

/** StudyHall from environment variables, on a temporary SQLite file with the demo catalog. */
async function startHall(env: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studyhall-tutor-"));
  const config = loadConfig({
    DATABASE_URL: `file:${path.join(dir, "test.db")}`,
    PORT: "0",
    CERTIFICATE_KEY_FILE: path.join(dir, "key.pem"),
    ...env,
  });
  const hall: StudyHall = await createStudyHall(config, { logger: silentLogger });
  const { port } = await hall.start();
  const chat = async (user: string, text: string): Promise<string> => {
    const response = await fetch(`http://127.0.0.1:${port}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user, text }),
    });
    const body = (await response.json()) as { replies: ChatReply[] };
    return body.replies.map((reply) => reply.text).join("\n---\n");
  };
  return {
    chat,
    async close() {
      await hall.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe("the tutor and /link as composed from the environment, through POST /api/chat", () => {
  let fake: FakeOpenAi;
  let withTutor: Awaited<ReturnType<typeof startHall>>;
  let without: Awaited<ReturnType<typeof startHall>>;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
    withTutor = await startHall({
      OPENAI_API_KEY: "sk-compose",
      OPENAI_BASE_URL: fake.baseUrl,
      OPENAI_MODEL: "local-model",
      TUTOR_DAILY_QUESTIONS: "2",
    });
    without = await startHall({});
  });
  afterAll(async () => {
    await withTutor.close();
    await without.close();
    await fake.close();
  });

  it("answers /ask with the configured model and TUTOR_DAILY_QUESTIONS", async () => {
    await withTutor.chat("web-ana", "/enroll python-basics");
    fake.push({ kind: "answer", text: "A variable is a name for a value." });

    const text = await withTutor.chat("web-ana", "/ask what is a variable?");

    expect(text).toContain("A variable is a name for a value.");
    expect(text).toContain("_1 of 2 tutor questions left today._");
    expect(fake.requests.at(-1)!.body.model).toBe("local-model");
    expect(fake.requests.at(-1)!.authorization).toBe("Bearer sk-compose");
  });

  it("without OPENAI_API_KEY says what an admin sets", async () => {
    await without.chat("web-bo", "/enroll python-basics");

    const text = await without.chat("web-bo", "/ask what is a variable?");

    expect(text).toContain("The tutor is not configured on this server.");
    expect(text).toContain("`OPENAI_API_KEY`");
  });

  it("links two web chat users into one learner", async () => {
    await without.chat("browser-1", "/enroll python-basics");
    const made = await without.chat("browser-2", "/link");
    const code = /\*\*(\d{6})\*\*/.exec(made)![1]!;

    const linked = await without.chat("browser-1", `/link ${code}`);
    const progress = await without.chat("browser-2", "/progress");

    expect(linked).toContain("✅ Linked.");
    expect(progress).toContain("Python");
  });
});
