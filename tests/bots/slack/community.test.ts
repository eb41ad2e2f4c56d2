import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SlackAdapter } from "../../../bots/slack/adapter.js";
import { ManualClock } from "../../../core/clock.js";
import { planGroupQuizzes } from "../../../core/community/group-quiz.js";
import { createDispatcher } from "../../../core/delivery/dispatcher.js";
import { createCourseCache } from "../../../core/learning/course-cache.js";
import { silentLogger } from "../../../core/logger.js";
import { createAccountStore } from "../../../prisma/store/accounts.js";
import { createCatalogStore } from "../../../prisma/store/catalog.js";
import { createDeliveryStore } from "../../../prisma/store/deliveries.js";
import { createGroupQuizStore } from "../../../prisma/store/group-quiz.js";
import { viewSubmission } from "../../fakes/slack/payloads.js";
import { interactionRequest, send } from "../../fakes/slack/signed-requests.js";
import { type PostedButton, SlackLearner, sectionTexts } from "./slack-learner.js";
import { SECRET, type SlackStudyHall, startSlackStudyHall } from "./slack-studyhall.js";

describe("Slack study groups and announcements through the real core", () => {
  let slack: SlackStudyHall;

  beforeAll(async () => {
    slack = await startSlackStudyHall({ SLACK_INSTRUCTORS: "UGRACE" });
  });
  afterAll(async () => slack?.close());

  const drain = (at = new Date(Date.now() + 60_000)) =>
    createDispatcher({
      adapter: slack.app.adapters.find((a) => a.platform === "slack") as SlackAdapter,
      deliveries: createDeliveryStore(slack.app.db),
      accounts: createAccountStore(slack.app.db),
      // Deliveries are stamped with the real time; the dispatcher looks a minute ahead.
      clock: new ManualClock(at),
      logger: silentLogger,
      sleep: async () => {},
    }).drain();

  const dmTexts = (channel: string) =>
    slack.api
      .callsOf("chat.postMessage")
      .filter((call) => call.args.channel === channel)
      .flatMap((call) => sectionTexts(call.args.blocks));

  it("creates a course channel, invites the members and binds it as the course's study group", async () => {
    const bo = new SlackLearner(slack.base, slack.api, SECRET, "UBO");

    await bo.learn("groups create slack-test-course <@UADA|ada>");

    const channel = slack.api.callsOf("conversations.create").at(-1)!;
    expect(channel.args.name).toBe("slack-test-course-study");
    const invite = slack.api.callsOf("conversations.invite").at(-1)!;
    expect(invite.args.users).toBe("UBO,UADA");
    const id = String(invite.args.channel);
    const group = await slack.app.db.studyGroup.findFirstOrThrow({
      where: { platform: "slack", externalId: id },
    });
    expect(group.name).toBe("slack-test-course-study");
    expect(dmTexts(id).join("\n")).toContain("now the study group of *Slack Test Course*");

    await createDeliveryStore(slack.app.db).enqueue([
      {
        idempotencyKey: "group:lesson:1",
        learnerId: null,
        platform: "slack",
        target: id,
        kind: "lesson",
        courseId: group.courseId,
        payload: [{ text: "**Today's discussion**: when is `a < b && c`?" }],
        dueAt: new Date(),
      },
    ]);
    expect((await drain()).sent).toBe(1);
    expect(dmTexts(id).at(-1)).toBe("*Today's discussion*: when is `a &lt; b &amp;&amp; c`?");
  });

  it("posts the group's lesson of the day and quiz in the channel; a member's answer is private", async () => {
    const channel = String(slack.api.callsOf("conversations.invite").at(-1)!.args.channel);
    const evening = new Date(`${new Date().toISOString().slice(0, 10)}T18:30:00Z`);
    const courses = createCourseCache(createCatalogStore(slack.app.db));
    const quiz = {
      store: createGroupQuizStore(slack.app.db),
      course: (id: string) => courses.course(id),
    };

    expect(await planGroupQuizzes(quiz, evening)).toBe(1);
    await drain(new Date(evening.getTime() + 60_000));

    const posts = slack.api
      .callsOf("chat.postMessage")
      .filter((call) => call.args.channel === channel);
    const texts = posts.flatMap((call) => sectionTexts(call.args.blocks)).join("\n");
    expect(texts).toContain("*Lesson of the day: Reading rows* (1 of 2, Slack Test Course)");
    expect(texts).toContain("*Quiz of the day*");
    const question = [...slack.api.messages.values()]
      .filter((message) => message.channel === channel)
      .find((message) => sectionTexts(message.blocks).join("").includes("Quiz of the day"))!;
    const buttons = question.blocks
      .filter((b) => b.type === "actions")
      .flatMap((b) => (b as unknown as { elements: PostedButton[] }).elements);
    const ada = new SlackLearner(slack.base, slack.api, SECRET, "UADA");

    await ada.press({ message: question, buttons }, buttons.find((b) => b.text.text === "SELECT")!);

    const ephemeral = slack.api.callsOf("chat.postEphemeral").at(-1)!;
    expect(ephemeral.args).toMatchObject({ channel, user: "UADA" });
    expect(sectionTexts(ephemeral.args.blocks).join("\n")).toContain("*Correct!*");
  });

  it("sends an instructor's announcement, written and previewed in a modal, to every enrolled learner", async () => {
    const ada = new SlackLearner(slack.base, slack.api, SECRET, "UADA");
    await ada.learn("enroll slack-test-course");
    const grace = new SlackLearner(slack.base, slack.api, SECRET, "UGRACE");

    await grace.learn("announce");
    const write = grace.openedModal()!;
    const text = "Office hours on Friday <!channel> & bring questions";
    const values = {
      course: { slug: { type: "static_select", selected_option: { value: "slack-test-course" } } },
      message: { text: { type: "plain_text_input", value: text } },
    };
    const previewed = await send(
      interactionRequest(slack.base, viewSubmission("UGRACE", write, values), { secret: SECRET }),
    );
    const preview = JSON.parse(previewed.body) as { view: Record<string, unknown> };
    expect(sectionTexts(preview.view.blocks)).toEqual([
      "*Preview* for the 1 enrolled learner of *Slack Test Course* and the course's 1 study-group channel:",
      "Office hours on Friday &lt;!channel&gt; &amp; bring questions",
    ]);
    await send(
      interactionRequest(slack.base, viewSubmission("UGRACE", preview.view, {}), {
        secret: SECRET,
      }),
    );
    expect(dmTexts("DGRACE").at(-1)).toBe(
      "Announcement sent to 1 learner of Slack Test Course and 1 study-group channel.",
    );

    expect((await drain()).sent).toBe(2);
    const expected = "Office hours on Friday &lt;!channel&gt; &amp; bring questions";
    const channel = String(slack.api.callsOf("conversations.invite").at(-1)!.args.channel);
    for (const target of ["DADA", channel]) {
      const received = dmTexts(target).join("\n");
      expect(received).toContain("*Announcement* for Slack Test Course from User UGRACE:");
      expect(received).toContain(expected);
      expect(received).not.toContain("<!channel>");
    }
  });

  it("lists the core's commands in /learn help with their Slack spelling", async () => {
    const ada = new SlackLearner(slack.base, slack.api, SECRET, "UADA");

    await ada.learn("help");

    const help = ada.texts().join("\n");
    expect(help).toContain("• /learn next");
    expect(help).toContain("• /learn courses");
    expect(help).not.toMatch(/• \/next/);
  });

  it("refuses /learn announce to a learner who is not an instructor", async () => {
    const ada = new SlackLearner(slack.base, slack.api, SECRET, "UADA");

    await ada.learn("announce");

    expect(ada.openedModal()).toBeUndefined();
    expect(ada.texts().join("\n")).toContain("Only instructors can send announcements");
  });
});
