import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SentMessage } from "../../fakes/telegram/fake-bot-api.js";
import { buttonsOf, startTelegramApp, type TelegramApp, TelegramLearner } from "./telegram-app.js";

/** What a learner who read the lessons would answer, by a piece of each prompt. */
const ANSWERS: Array<{ prompt: string; poll?: number; press?: RegExp[]; type?: string }> = [
  { prompt: "appends output", poll: 1 },
  { prompt: "run the second command only", press: [/^☐ 1\./, /^☐ 2\./, /^Submit$/] },
  { prompt: "compares two numbers", press: [/^1\. -lt$/] },
  { prompt: "[ -f log.txt ]", poll: 0 },
  { prompt: "exit status means success", type: "0" },
];

const answerFor = (text: string) => ANSWERS.find((answer) => text.includes(answer.prompt));
const isQuizButton = (message: SentMessage) =>
  buttonsOf(message).some((b) => /^q[at]:/.test(b.callback_data ?? ""));

interface Seen {
  /** The first answer button pressed, to press again once its quiz is over. */
  staleButton?: { message: SentMessage; data: string };
  stickerSent?: boolean;
  polls: number;
  buttonQuestions: Set<string>;
  certificate: string | null;
}

/** Takes one step as a learner would: vote, tap, type, or go on. */
async function step(learner: TelegramLearner, seen: Seen): Promise<void> {
  const last = learner.messages.at(-1)!;
  if (last.poll) {
    seen.polls++;
    return learner.vote(last, answerFor(last.poll.question)!.poll!);
  }
  if (isQuizButton(last)) {
    const answer = answerFor(last.text)!;
    seen.buttonQuestions.add(answer.prompt);
    const pattern = answer.press!.find((p) => buttonsOf(last).some((b) => p.test(b.text)))!;
    const data = buttonsOf(last).find((b) => pattern.test(b.text))!.callback_data!;
    seen.staleButton ??= { message: { ...last }, data };
    return learner.press(last, pattern);
  }
  if (last.reply_markup?.force_reply && !seen.stickerSent) {
    // A sticker where a typed answer is expected: told so, and the question stays open.
    seen.stickerSent = true;
    const update = learner.fake.sendMedia(learner.user, "sticker");
    await learner.fake.waitForConfirmed(update.update_id);
    expect(learner.messages.at(-1)!.text).toBe(
      "I can only read text messages. Send /help to see the commands.",
    );
    return learner.say(answerFor(last.text)!.type!);
  }
  if (last.reply_markup?.force_reply) return learner.say(answerFor(last.text)!.type!);
  const next = ["Retake quiz", "Show solution", "I understood", "Next", "Continue"].find((label) =>
    buttonsOf(last).some((b) => b.text === label),
  );
  return next ? learner.press(last, next) : learner.say("/next");
}

describe("a Telegram learner takes a course from a deep link to the certificate", () => {
  let t: TelegramApp;
  beforeAll(async () => {
    t = await startTelegramApp();
  });
  afterAll(async () => t?.close());

  it("opens the deep link, enrolls, studies every lesson (one over 4096 characters), a poll quiz and a button quiz, and gets the certificate link", async () => {
    const ada = new TelegramLearner(t.fake, { id: 4242, first_name: "Ада", username: "ada_tg" });

    await ada.say("/start shell-basics-tg");
    const card = ada.messages[0]!;
    expect(card.text).toContain("Основы командной строки 🐚💻");
    expect(card.text).toContain("Pipes, redirects & tests like [ a < b ]");
    await ada.press(card, "Enroll");

    const seen: Seen = { polls: 0, buttonQuestions: new Set(), certificate: null };
    for (let turn = 0; turn < 80 && !seen.certificate; turn++) {
      await step(ada, seen);
      const done = ada.messages.find((m) => m.raw.includes("/certificates/"));
      seen.certificate = done ? /href="([^"]+\/certificates\/[^"]+)"/.exec(done.raw)![1]! : null;
    }

    expect(seen.certificate).toMatch(new RegExp(`^${t.base}/certificates/\\S+$`));
    expect(seen.polls).toBeGreaterThanOrEqual(2);
    expect([...seen.buttonQuestions].sort()).toEqual([
      "compares two numbers",
      "run the second command only",
    ]);
    const texts = ada.messages.map((m) => m.text);
    for (const lesson of ["Redirects: > and >>", "A long script", "Exit statuses"]) {
      expect(texts.some((text) => text.includes(lesson))).toBe(true);
    }
    // The 11,000-character script arrived whole, in complete code blocks of at most 4096.
    const script = ada.messages.filter((m) => m.text.includes('if [ "$count" -lt'));
    expect(script.length).toBeGreaterThanOrEqual(3);
    for (const piece of script) expect(piece.text.length).toBeLessThanOrEqual(4096);
    const joined = script.map((m) => m.text).join("\n");
    for (let i = 1; i < 130; i++) expect(joined).toContain(`echo "<${i}> & more" >> out.txt`);

    // The first quiz button pressed again after its quiz is over changes nothing.
    expect(seen.stickerSent).toBe(true);
    const stale = t.fake.pressButton(ada.user, seen.staleButton!.message, seen.staleButton!.data);
    await t.fake.waitForConfirmed(stale.update_id);
    expect(ada.messages.at(-1)!.text).toContain("That question is closed");

    const page = await fetch(`${t.base}${new URL(seen.certificate!).pathname}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Ада");
    expect(t.fake.unansweredCallbacks()).toEqual([]);
    const rejected = t.fake.calls.filter((call) => !call.ok && call.method !== "getUpdates");
    expect(rejected).toEqual([]);
  });

  it("answers every learner command of DESIGN.md in a private chat within Telegram's limits", async () => {
    const eve = new TelegramLearner(t.fake, { id: 4343, first_name: "Eve <script>&" });
    const commands = [
      "/start",
      "/help",
      "/courses",
      "/courses командной",
      "/course shell-basics-tg",
      "/enroll shell-basics-tg",
      "/next",
      "/quiz",
      "/progress",
      "/review",
      "/ask what does >> do?",
      "/groups",
      "/events",
      "/feedback",
      "/certificate",
      "/link",
      "/settings",
      "/nosuchcommand",
    ];
    for (const command of commands) {
      const before = eve.messages.length;
      await eve.say(command);
      expect(eve.messages.length, command).toBeGreaterThan(before);
    }
    expect(t.fake.commands().map((c) => c.command)).toEqual(
      expect.arrayContaining([
        "start",
        "courses",
        "next",
        "quiz",
        "progress",
        "groups",
        "certificate",
      ]),
    );
    const rejected = t.fake.calls.filter((call) => !call.ok && call.method !== "getUpdates");
    expect(rejected).toEqual([]);
  });
});
