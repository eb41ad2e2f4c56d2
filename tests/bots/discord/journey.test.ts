import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SLASH_COMMANDS } from "../../../bots/discord/slash-commands.js";
import type { FakeMessage } from "../../fakes/discord/state.js";
import {
  componentsOf,
  type DiscordApp,
  DiscordMember,
  startDiscordApp,
  textOf,
} from "./discord-app.js";

/** What a learner who read the lessons answers, by a piece of each prompt. */
const ANSWERS: Array<{ prompt: string; press?: RegExp; write?: string }> = [
  { prompt: "chooses the columns", press: /^1\. SELECT$/ },
  { prompt: "reads one learner by id", press: /^1\. True$/ },
  { prompt: "keeps only the rows", write: "WHERE" },
];

const answerFor = (message: FakeMessage) => ANSWERS.find((a) => textOf(message).includes(a.prompt));
const isQuiz = (message: FakeMessage) =>
  componentsOf(message).some((c) => /\|q[at]:/.test(c.custom_id ?? ""));
const certificateLink = (message: FakeMessage) =>
  componentsOf(message).find((c) => c.url?.includes("/certificates/"))?.url;

interface Seen {
  buttons: Set<string>;
  written: Set<string>;
  certificate: string | null;
}

/** Takes one step as a learner would: answer the question, or go on. */
async function step(ada: DiscordMember, seen: Seen): Promise<void> {
  const last = ada.messages.at(-1)!;
  const answer = answerFor(last);
  if (answer?.press && isQuiz(last)) {
    seen.buttons.add(answer.prompt);
    await ada.press(last, answer.press);
    return;
  }
  if (answer?.write && componentsOf(last).some((c) => c.label?.startsWith("Write: "))) {
    seen.written.add(answer.prompt);
    await ada.write(last, answer.write);
    return;
  }
  const labels = componentsOf(last).map((c) => c.label);
  const next = ["Retake quiz", "Show solution", "I understood", "Next", "Continue"].find((l) =>
    labels.includes(l),
  );
  await (next ? ada.press(last, next) : ada.command("next"));
}

describe("a Discord learner takes a course from /courses to the certificate", () => {
  let d: DiscordApp;
  beforeAll(async () => {
    d = await startDiscordApp();
  });
  afterAll(async () => d?.close());

  it("registers only slash commands the core answers", () => {
    const core = new Set(d.app.conversation.commands().map((command) => command.name));

    expect(SLASH_COMMANDS.map((command) => command.name).filter((name) => !core.has(name))).toEqual(
      [],
    );
  });

  it("finds the course, enrolls, studies every lesson (one over 6,000 characters), answers a button quiz and a modal, and gets the certificate", async () => {
    const ada = new DiscordMember(d, d.fake.state.addUser("ada"));

    const courses = await ada.command("courses");
    const list = d.fake.messagesOf(courses).map(textOf).join("\n");
    expect(list).toContain("**SQL for \\*Discord\\* learners 🗄️**");
    expect(list).toContain("@\u200beveryone welcome");
    await ada.command("enroll", [{ name: "course", type: 3, value: "sql-discord" }]);

    const seen: Seen = { buttons: new Set(), written: new Set(), certificate: null };
    for (let turn = 0; turn < 80 && !seen.certificate; turn++) {
      await step(ada, seen);
      const done = ada.messages.map(certificateLink).find(Boolean);
      seen.certificate = done ?? null;
    }

    expect(seen.certificate).toMatch(/\/certificates\/\S+$/);
    expect([...seen.buttons].sort()).toEqual(["chooses the columns", "reads one learner by id"]);
    expect([...seen.written]).toEqual(["keeps only the rows"]);
    const texts = ada.messages.map(textOf);
    for (const lesson of [
      "Picking columns with SELECT",
      "A long query script",
      "Filtering rows with WHERE",
    ]) {
      expect(texts.some((text) => text.includes(lesson))).toBe(true);
    }
    // Lesson text cannot ping: mentions arrive neutralised and no message allows mentions.
    expect(texts.join("\n")).toContain("\\<@123\\> or @\u200beveryone");

    // The long script arrived whole, as complete code blocks in embeds within every limit.
    const script = ada.messages.filter((m) => textOf(m).includes("-- row "));
    expect(script.length).toBeGreaterThanOrEqual(2);
    for (const message of script) {
      const descriptions = (message.embeds as Array<{ description: string }>).map(
        (e) => e.description,
      );
      expect(descriptions.reduce((sum, text) => sum + text.length, 0)).toBeLessThanOrEqual(6000);
      for (const text of descriptions) {
        expect(text.length).toBeLessThanOrEqual(4096);
        if (text.includes("-- row ")) expect(text.split("```").length % 2).toBe(1);
      }
    }
    const joined = script.map(textOf).join("\n");
    for (let i = 1; i < 120; i++)
      expect(joined).toMatch(new RegExp(`= ${i} AND .* -- row ${i}$`, "m"));

    // The quiz messages were updated in place with the result, their buttons gone.
    const graded = ada.messages.filter((m) => textOf(m).includes("Correct!"));
    expect(graded.length).toBeGreaterThanOrEqual(2);
    expect(
      graded.every((m) => componentsOf(m).every((c) => !/\|q[at]:/.test(c.custom_id ?? ""))),
    ).toBe(true);

    // Personal answers asked for in a channel are shown only to the asker.
    const progress = d.fake.messagesOf(await ada.command("progress"))[0]!;
    const certificates = d.fake.messagesOf(await ada.command("certificate"))[0]!;
    expect([progress.flags, certificates.flags]).toEqual([64, 64]);
    expect(componentsOf(certificates).some((c) => c.url === seen.certificate)).toBe(true);

    const page = await fetch(`${d.base}${new URL(seen.certificate!).pathname}`);
    expect(page.status).toBe(200);
    expect(d.fake.rejectedCalls()).toEqual([]);
  });
});
