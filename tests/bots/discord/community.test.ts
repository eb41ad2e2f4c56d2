import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planEventReminders } from "../../../core/community/event-reminders.js";
import { planGroupQuizzes } from "../../../core/community/group-quiz.js";
import { createAccountStore } from "../../../prisma/store/accounts.js";
import { createCatalogStore } from "../../../prisma/store/catalog.js";
import { createEventStore } from "../../../prisma/store/community.js";
import { createDeliveryStore } from "../../../prisma/store/deliveries.js";
import { createGroupQuizStore } from "../../../prisma/store/group-quiz.js";
import {
  componentsOf,
  type DiscordApp,
  DiscordMember,
  startDiscordApp,
  textOf,
} from "./discord-app.js";

const COURSE = { name: "course", type: 3, value: "sql-discord" };

describe("Discord study groups, announcements and events through the fake", () => {
  let d: DiscordApp;
  beforeAll(async () => {
    d = await startDiscordApp();
  });
  afterAll(async () => d?.close());

  it("creates a private study thread bound to the course, and members join and leave it", async () => {
    const ada = new DiscordMember(d, d.fake.state.addUser("ada"));
    const grace = new DiscordMember(d, d.fake.state.addUser("grace"));

    const created = await ada.command("groups", [
      {
        name: "create",
        type: 1,
        options: [COURSE, { name: "name", type: 3, value: "Night owls" }],
      },
    ]);

    const thread = [...d.fake.state.channels.values()].find((c) => c.type === 12)!;
    expect(thread).toMatchObject({
      name: "Night owls",
      parentId: d.general.id,
      guildId: d.guild.id,
    });
    expect(thread.members).toContain(ada.userId);
    const answer = d.fake.messagesOf(created)[0]!;
    expect(answer.flags).toBe(64);
    expect(componentsOf(answer)[0]!.url).toBe(
      `https://discord.com/channels/${d.guild.id}/${thread.id}`,
    );
    const group = await d.app.db.studyGroup.findFirstOrThrow({ where: { externalId: thread.id } });
    expect(group).toMatchObject({ platform: "discord", name: "Night owls" });
    expect(textOf(d.fake.channelMessages(thread.id)[0]!)).toContain("study group of");

    const choices = d.fake.autocomplete(grace.place, "groups", [
      {
        name: "join",
        type: 1,
        options: [{ name: "group", type: 3, value: "night", focused: true }],
      },
    ]);
    await grace.settle(choices);
    expect(d.fake.record(choices).callbacks[0]!.data.choices).toEqual([
      { name: "Night owls (SQL for *Discord* learners 🗄️)", value: group.id },
    ]);
    const joined = await grace.command("groups", [
      { name: "join", type: 1, options: [{ name: "group", type: 3, value: group.id }] },
    ]);
    expect(thread.members).toContain(grace.userId);
    expect(d.fake.messagesOf(joined).map(textOf).join("\n")).toContain(
      "You joined **Night owls**.",
    );
    expect(await d.app.db.studyGroupMember.count({ where: { groupId: group.id } })).toBe(2);

    await grace.command("groups", [
      { name: "leave", type: 1, options: [{ name: "group", type: 3, value: group.id }] },
    ]);
    expect(thread.members).not.toContain(grace.userId);
    expect(await d.app.db.studyGroupMember.count({ where: { groupId: group.id } })).toBe(1);
  });

  it("posts the day's lesson and a one-tap quiz to the study thread; a member's answer is private", async () => {
    const group = await d.app.db.studyGroup.findFirstOrThrow({ where: { name: "Night owls" } });
    const catalog = createCatalogStore(d.app.db);
    const deps = {
      store: createGroupQuizStore(d.app.db),
      course: (id: string) => catalog.loadCourse(id),
    };
    // Today's session (the group's zone is UTC): answers are taken on the day of the round.
    const evening = new Date();
    evening.setUTCHours(23, 59, 0, 0);
    await planGroupQuizzes(deps, evening);
    const row = await d.app.db.delivery.findFirstOrThrow({
      where: { platform: "discord", target: group.externalId },
    });

    await d.adapter.send(row.target, JSON.parse(row.payload));

    const posts = d.fake.channelMessages(group.externalId);
    const texts = posts.map(textOf).join("\n");
    expect(texts).toContain("Lesson of the day: Picking columns with SELECT");
    const quiz = posts.find((post) =>
      componentsOf(post).some((c) => c.custom_id?.startsWith("*|gq:")),
    )!;
    const member = new DiscordMember(d, d.fake.state.addUser("mia"), {
      channelId: group.externalId,
    });
    const answered = await member.press(quiz, /SELECT/);
    const result = d.fake.messagesOf(answered)[0]!;
    expect(result.flags).toBe(64);
    expect(textOf(result)).toContain("Group quiz: Which clause chooses the columns");
    expect(componentsOf(quiz).length).toBeGreaterThan(0);
  });

  it("refuses a study group in a channel that was deleted, saving nothing", async () => {
    const lost = d.fake.state.addChannel({ type: 0, name: "old", guildId: d.guild.id });
    d.fake.deleteChannel(lost.id);
    const ada = new DiscordMember(d, d.fake.state.addUser("ada2"), { channelId: lost.id });
    const groupsBefore = await d.app.db.studyGroup.count();

    const created = await ada.command("groups", [{ name: "create", type: 1, options: [COURSE] }]);

    expect(textOf(d.fake.messagesOf(created)[0]!)).toContain("this channel no longer exists");
    expect(await d.app.db.studyGroup.count()).toBe(groupsBefore);
  });

  it("refuses /announce to a member without the instructor role and sends it for an instructor", async () => {
    const learner = new DiscordMember(d, d.fake.state.addUser("lea"));
    await learner.command("enroll", [COURSE]);
    const teacher = new DiscordMember(d, d.fake.state.addUser("prof"), {
      roles: [d.instructorRoleId],
    });
    const message = { name: "message", type: 3, value: "Office hours move to **Friday**." };
    const postedBefore = d.fake.channelMessages(d.general.id).length;

    const refused = await learner.command("announce", [COURSE, message]);

    expect(d.fake.messagesOf(refused)[0]).toMatchObject({ flags: 64 });
    expect(textOf(d.fake.messagesOf(refused)[0]!)).toContain("Only instructors can announce");
    expect(d.fake.channelMessages(d.general.id)).toHaveLength(postedBefore);
    expect(await d.app.db.announcement.count()).toBe(0);

    const sent = await teacher.command("announce", [COURSE, message]);

    expect(textOf(d.fake.messagesOf(sent)[0]!)).toMatch(/^Announcement sent to \d+ learners? of/);
    const posted = d.fake.channelMessages(d.general.id).at(-1)!;
    expect(posted.content).toBe(
      "📣 **SQL for \\*Discord\\* learners 🗄️**\n\nOffice hours move to **Friday**.",
    );
    expect(await d.app.db.announcement.count()).toBe(1);
    const learnerAccount = await d.app.db.account.findFirstOrThrow({
      where: { externalId: learner.userId },
    });
    const deliveries = await d.app.db.delivery.findMany({ where: { kind: "announcement" } });
    expect(deliveries.map((row) => row.learnerId)).toContain(learnerAccount.learnerId);
    // The dispatcher delivers it to the learner's DM channel, recorded at their first command.
    expect(learnerAccount.chatId).not.toBeNull();
    const dm = await d.fake.waitFor(
      () =>
        d.fake
          .channelMessages(learnerAccount.chatId!)
          .find((m) => m.content.includes("Office hours")),
      15_000,
    );
    expect(dm.content).toContain("**Announcement** for");
  });

  it("creates a scheduled event for an instructor and reminds a member who pressed Interested", async () => {
    const teacher = new DiscordMember(d, d.fake.state.addUser("prof2"), {
      permissions: String(1 << 5),
    });
    const member = d.fake.state.addUser("sam");
    const options = [
      COURSE,
      { name: "date", type: 3, value: "2099-03-01" },
      { name: "time", type: 3, value: "18:00" },
      { name: "title", type: 3, value: "Live SQL Q&A" },
    ];

    const created = await teacher.command("event", options);

    const scheduled = d.fake.state.scheduledEvents[0]!;
    expect(scheduled).toMatchObject({
      name: "Live SQL Q&A",
      scheduled_start_time: "2099-03-01T18:00:00.000Z",
    });
    expect(textOf(d.fake.messagesOf(created)[0]!)).toContain("Scheduled **Live SQL Q&A**");
    const event = await d.app.db.event.findFirstOrThrow({ where: { externalId: scheduled.id } });

    d.fake.markInterested(scheduled.id, member);
    await d.fake.waitFor(() => d.fake.calls.some((c) => c.path.endsWith(`/users/${member}`)));
    await d.adapter.idle();

    const rsvp = await d.app.db.eventRsvp.findFirstOrThrow({ where: { eventId: event.id } });
    expect(rsvp.status).toBe("interested");
    const deliveries = createDeliveryStore(d.app.db);
    const accounts = createAccountStore(d.app.db);
    const planned = await planEventReminders(
      {
        events: createEventStore(d.app.db),
        accounts,
        deliveries,
        timeZoneOf: async () => "UTC",
      },
      new Date("2099-03-01T17:45:00Z"),
    );
    expect(planned).toBe(1);
    const row = await d.app.db.delivery.findFirstOrThrow({ where: { kind: "event" } });
    await d.adapter.send(row.target, JSON.parse(row.payload));
    const dm = d.fake.state.channels.get(row.target)!;
    expect(dm.recipientId).toBe(member);
    expect(textOf(d.fake.channelMessages(dm.id)[0]!)).toContain(
      "Reminder: **Live SQL Q&A** starts",
    );
  });

  it("tells the instructor when the bot may not create events, saving nothing", async () => {
    const teacher = new DiscordMember(d, d.fake.state.addUser("prof3"), {
      roles: [d.instructorRoleId],
    });
    d.fake.failNext(1, 403, /scheduled-events$/, 50013);
    const before = await d.app.db.event.count();

    const refused = await teacher.command("event", [
      COURSE,
      { name: "date", type: 3, value: "2099-06-01" },
      { name: "time", type: 3, value: "09:30" },
      { name: "title", type: 3, value: "Morning drills" },
    ]);

    expect(textOf(d.fake.messagesOf(refused)[0]!)).toContain(
      "Ask an admin to give me Create Events",
    );
    expect(await d.app.db.event.count()).toBe(before);
  });

  it("refuses /event to a member without the role, creating nothing on Discord", async () => {
    const learner = new DiscordMember(d, d.fake.state.addUser("lou"));
    const before = d.fake.state.scheduledEvents.length;

    const refused = await learner.command("event", [
      COURSE,
      { name: "date", type: 3, value: "2099-04-01" },
      { name: "time", type: 3, value: "10:00" },
      { name: "title", type: 3, value: "Sneaky session" },
    ]);

    expect(textOf(d.fake.messagesOf(refused)[0]!)).toContain(
      "Only instructors can schedule events",
    );
    expect(d.fake.state.scheduledEvents).toHaveLength(before);
    expect(await d.app.db.event.count({ where: { title: "Sneaky session" } })).toBe(0);
  });
});

describe("a channel an admin binds to a course", () => {
  let d: DiscordApp;
  beforeAll(async () => {
    d = await startDiscordApp();
  });
  afterAll(async () => d?.close());

  it("becomes the course's study group from /groups list, and members join without a thread", async () => {
    const category = d.fake.state.addChannel({ type: 4, name: "SQL", guildId: d.guild.id });
    const channel = d.fake.state.addChannel({
      type: 0,
      name: "sql-study",
      guildId: d.guild.id,
      parentId: category.id,
    });
    const admin = new DiscordMember(d, d.fake.state.addUser("admin"), {
      channelId: channel.id,
      permissions: String(1 << 5),
    });
    const member = new DiscordMember(d, d.fake.state.addUser("max"), { channelId: channel.id });

    const listed = await admin.command("groups", [{ name: "list", type: 1 }]);
    const prompt = d.fake.messagesOf(listed)[0]!;
    expect(textOf(prompt)).toContain("not a study group yet");
    await admin.press(prompt, "SQL for *Discord* learners 🗄️");
    const group = await d.app.db.studyGroup.findFirstOrThrow({ where: { externalId: channel.id } });
    expect(group.name).toBe("sql-study");

    const joined = await member.command("groups", [{ name: "join", type: 1 }]);

    const texts = d.fake.messagesOf(joined).map(textOf).join("\n");
    expect(texts).toContain("You joined **sql-study**.");
    expect(texts).not.toContain("could not change your membership");
    expect(await d.app.db.studyGroupMember.count({ where: { groupId: group.id } })).toBe(2);
  });
});
