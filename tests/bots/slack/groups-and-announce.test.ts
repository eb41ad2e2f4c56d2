import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnnouncementService } from "../../../core/announcements/announcement-service.js";
import { ManualClock } from "../../../core/clock.js";
import type { CourseListing } from "../../../core/ports/catalog.js";
import type { NewDelivery } from "../../../core/ports/deliveries.js";
import { slashCommand, viewSubmission } from "../../fakes/slack/payloads.js";
import { commandRequest, interactionRequest, send } from "../../fakes/slack/signed-requests.js";
import { fakeConversation } from "./fake-conversation.js";
import { SIGNING_SECRET, type SlackHarness, startSlackHarness } from "./harness.js";
import { sectionTexts } from "./slack-learner.js";

const signed = { secret: SIGNING_SECRET };
const course: CourseListing = {
  id: "c1",
  slug: "sql-basics",
  title: "SQL Basics",
  summary: "Tables and queries",
  level: "beginner",
  language: "en",
  topics: ["sql"],
  instructorName: "Grace",
  estimatedMinutes: 60,
  lessonCount: 3,
  contentHash: "h",
};
let slack: SlackHarness;
let conversation: ReturnType<typeof fakeConversation>;
const announcements = fakeAnnouncements();

/** Field values of the write step with the course chosen and `text` typed. */
function filled(text: string) {
  return {
    course: { slug: { type: "static_select", selected_option: { value: "sql-basics" } } },
    message: { text: { type: "plain_text_input", value: text } },
  };
}

/** A recording announcement service: instructors may announce to 2 learners of SQL Basics. */
function fakeAnnouncements() {
  const published: unknown[] = [];
  const queued: NewDelivery[] = [];
  const service: AnnouncementService = {
    async prepare(by, slug, text) {
      if (!by.roles?.instructor) {
        return {
          ok: false,
          message: "Only instructors of **SQL Basics** can announce to its learners.",
        };
      }
      return {
        ok: true,
        draftId: "draft-1",
        course: { id: "c1", slug, title: "SQL Basics" },
        text,
        recipients: 2,
      };
    },
    async publish(_by, prepared) {
      published.push(prepared);
      return { ok: true, learners: 2, deliveries: 3 };
    },
  };
  return { service, published, queued };
}

beforeAll(async () => {
  conversation = fakeConversation();
  slack = await startSlackHarness(conversation, {
    listCourses: async () => [course],
    instructors: ["UTEACH"],
    announcements: {
      service: announcements.service,
      listCourses: async () => [course],
      courseChannels: async (courseId) => (courseId === "c1" ? ["C-SQL"] : []),
      deliveries: {
        async enqueue(rows) {
          announcements.queued.push(...rows);
          return rows.length;
        },
      },
      clock: new ManualClock("2026-12-04T10:00:00Z"),
    },
  });
});
afterAll(async () => slack.close());

function lastPostedText(channel: string): string {
  const call = slack.api
    .callsOf("chat.postMessage")
    .filter((c) => c.args.channel === channel)
    .at(-1);
  return sectionTexts(call?.args.blocks).join("\n");
}

describe("/learn groups create", () => {
  it("creates a channel for the course, invites the organizer and the members named, and binds it", async () => {
    await send(
      commandRequest(
        slack.baseUrl,
        slashCommand("U1", "groups create sql-basics <@U2|bo> <@U3|cy>", "C9"),
        signed,
      ),
    );

    const created = slack.api.callsOf("conversations.create").at(-1)!;
    expect(created.args.name).toBe("sql-basics-study");
    const channel = slack.api.callsOf("conversations.invite").at(-1)!.args.channel as string;
    expect(slack.api.callsOf("conversations.invite").at(-1)!.args.users).toBe("U1,U2,U3");
    expect(conversation.seen.at(-1)).toMatchObject({
      text: "/groups sql-basics",
      chat: { id: channel, kind: "group", title: "sql-basics-study" },
      roles: { admin: true },
    });
    expect(lastPostedText(channel)).toBe("Got: /groups sql-basics");
    const ephemeral = slack.api.callsOf("chat.postEphemeral").at(-1)!;
    expect(sectionTexts(ephemeral.args.blocks)).toEqual([
      "Created #sql-basics-study for *SQL Basics* and invited 3 members.",
    ]);
  });

  it("picks the next free name when the channel name is taken", async () => {
    await send(
      commandRequest(slack.baseUrl, slashCommand("U1", "groups create sql-basics"), signed),
    );

    expect(
      slack.api
        .callsOf("conversations.create")
        .map((c) => c.args.name)
        .slice(-2),
    ).toEqual(["sql-basics-study", "sql-basics-study-2"]);
  });

  it("creates nothing for an unknown course and says how to find slugs", async () => {
    const before = slack.api.callsOf("conversations.create").length;

    await send(commandRequest(slack.baseUrl, slashCommand("U1", "groups create cooking"), signed));

    expect(slack.api.callsOf("conversations.create").length).toBe(before);
    expect(lastPostedText("D1")).toBe(
      'There is no course "cooking". Send /learn courses to see the course slugs.',
    );
  });
});

describe("/learn announce", () => {
  it("refuses learners who are neither workspace admins nor listed instructors", async () => {
    await send(commandRequest(slack.baseUrl, slashCommand("U5", "announce"), signed));

    expect(lastPostedText("D5")).toContain("Only instructors can send announcements");
    expect(slack.api.callsOf("views.open")).toHaveLength(0);
  });

  it("lets an instructor write, preview and send an announcement to learners and course channels", async () => {
    await send(commandRequest(slack.baseUrl, slashCommand("UTEACH", "announce"), signed));
    const write = slack.api.callsOf("views.open").at(-1)!.args.view as Record<string, unknown>;
    expect(write.callback_id).toBe("studyhall.announce.write");

    const empty = await send(
      interactionRequest(slack.baseUrl, viewSubmission("UTEACH", write, {}), signed),
    );
    expect(JSON.parse(empty.body)).toEqual({
      response_action: "errors",
      errors: {
        course: "Choose the course whose learners get the announcement.",
        message: "The message is empty. Write the announcement first.",
      },
    });

    const text = "Live session tomorrow <!channel> & bring questions";
    const preview = await send(
      interactionRequest(slack.baseUrl, viewSubmission("UTEACH", write, filled(text)), signed),
    );
    const update = JSON.parse(preview.body) as {
      response_action: string;
      view: Record<string, unknown>;
    };
    expect(update.response_action).toBe("update");
    expect(sectionTexts(update.view.blocks)).toEqual([
      "*Preview* for the 2 enrolled learners of *SQL Basics* and the course's 1 study-group channel:",
      "Live session tomorrow &lt;!channel&gt; &amp; bring questions",
    ]);
    expect(announcements.published).toHaveLength(0);

    const sent = await send(
      interactionRequest(slack.baseUrl, viewSubmission("UTEACH", update.view, {}), signed),
    );
    const replay = await send(
      interactionRequest(slack.baseUrl, viewSubmission("UTEACH", update.view, {}), signed),
    );

    expect([sent.status, replay.status]).toEqual([200, 200]);
    expect(announcements.published).toEqual([
      { draftId: "draft-1", courseId: "c1", courseTitle: "SQL Basics", text },
    ]);
    expect(announcements.queued.map((row) => [row.target, row.kind, row.idempotencyKey])).toEqual([
      ["C-SQL", "announcement", "announcement:draft-1:slack:C-SQL"],
    ]);
    expect(lastPostedText("DTEACH")).toBe(
      "Announcement sent to 2 learners of SQL Basics and 1 study-group channel.",
    );
  });

  it("shows the core's refusal as a field error in the modal", async () => {
    const write = { callback_id: "studyhall.announce.write", private_metadata: "{}" };

    const refused = await send(
      interactionRequest(slack.baseUrl, viewSubmission("U5", write, filled("Hello")), signed),
    );

    expect(JSON.parse(refused.body)).toEqual({
      response_action: "errors",
      errors: { message: "Only instructors of SQL Basics can announce to its learners." },
    });
  });

  it("treats workspace admins as instructors", async () => {
    slack.api.admins.add("UADMIN");

    await send(commandRequest(slack.baseUrl, slashCommand("UADMIN", "announce"), signed));

    const view = slack.api.callsOf("views.open").at(-1)!;
    expect((view.args.view as { callback_id: string }).callback_id).toBe(
      "studyhall.announce.write",
    );
  });
});
