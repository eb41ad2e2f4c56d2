import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeSlackApi } from "../../fakes/slack/fake-slack-api.js";
import { type Seen, SlackLearner, sectionTexts } from "./slack-learner.js";
import { SECRET, type SlackStudyHall, startSlackStudyHall } from "./slack-studyhall.js";

/** What the Home tab shows, as text. */
function homeText(api: FakeSlackApi, userId: string): string {
  const view = api.homeViews.get(userId) as { blocks?: unknown } | undefined;
  return sectionTexts(view?.blocks).join("\n");
}

describe("a Slack learner takes a course end to end", () => {
  let slack: SlackStudyHall;
  let api: FakeSlackApi;
  let base: string;

  beforeAll(async () => {
    slack = await startSlackStudyHall();
    api = slack.api;
    base = slack.base;
  });
  afterAll(async () => slack?.close());

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
