import { actionId } from "../conversation/action-id.js";
import type { Feature, TurnContext } from "../conversation/command.js";
import type { Action, Reply } from "../messages.js";
import type { CatalogStore, CourseListing } from "../ports/catalog.js";
import type { StaffStore, StudyGroupRecord, StudyGroupStore } from "../ports/community.js";
import { bold } from "../text/markdown.js";

/** Dependencies of the study-group feature. */
export interface StudyGroupDeps {
  groups: StudyGroupStore;
  catalog: Pick<CatalogStore, "listCourses">;
  staff: StaffStore;
  /** Enrolls the learner of `ctx` in a course and returns what to tell them (the learning core). */
  enroll(ctx: TurnContext, courseId: string): Promise<Reply[]>;
}

const PLATFORM_NAMES = {
  web: "web chat",
  telegram: "Telegram",
  discord: "Discord",
  slack: "Slack",
};

/** Finds a course by slug, case-insensitively. */
async function findCourse(deps: StudyGroupDeps, slug: string): Promise<CourseListing | undefined> {
  const wanted = slug.trim().toLowerCase();
  return (await deps.catalog.listCourses()).find((course) => course.slug === wanted);
}

function describe(group: StudyGroupRecord, course?: CourseListing): string {
  const members = `${group.memberCount} member${group.memberCount === 1 ? "" : "s"}`;
  const where = PLATFORM_NAMES[group.platform];
  return `${bold(group.name)}${course ? ` (${course.title})` : ""}, ${members}, on ${where}`;
}

/** True when the sender may bind this group chat: a group admin, or a platform that reports no roles. */
function mayOrganize(ctx: TurnContext): boolean {
  const roles = ctx.inbound.roles;
  return roles === undefined || Boolean(roles.admin || roles.instructor);
}

/** Makes the group chat of `ctx` the study group of the course `slug`. */
async function bindChat(deps: StudyGroupDeps, ctx: TurnContext, slug: string): Promise<Reply[]> {
  const course = await findCourse(deps, slug);
  if (!course) {
    return [{ text: `There is no course "${slug}". Send /courses to see the course slugs.` }];
  }
  if (!mayOrganize(ctx)) {
    return [{ text: "Only an admin of this chat can make it a study group." }];
  }
  const { group, created } = await deps.groups.create({
    courseId: course.id,
    name: ctx.inbound.chat.title?.trim() || `${course.title} study group`,
    platform: ctx.inbound.platform,
    externalId: ctx.inbound.chat.id,
    timeZone: ctx.learner.timeZone,
    organizerId: ctx.learner.id,
  });
  const join: Action = {
    id: actionId("grj", group.id),
    label: "Join and enroll",
    style: "primary",
  };
  if (!created) {
    return [{ text: `This chat is already a study group: ${describe(group)}.`, actions: [join] }];
  }
  return [
    {
      text: `This chat is now the study group of ${bold(course.title)}. Lessons and a daily group quiz will be posted here. Tap the button to join and enroll.`,
      actions: [join],
    },
  ];
}

/** `/groups` in a group chat: the group's card, or how to bind the chat to a course. */
async function groupChatView(
  deps: StudyGroupDeps,
  ctx: TurnContext,
  args: string,
): Promise<Reply[]> {
  const slug = args.replace(/^(create|bind)\s+/i, "").trim();
  if (slug !== "") return bindChat(deps, ctx, slug.split(/\s+/)[0]!);

  const group = await deps.groups.findByPlace(ctx.inbound.platform, ctx.inbound.chat.id);
  if (group) {
    const course = (await deps.catalog.listCourses()).find((c) => c.id === group.courseId);
    const join: Action = {
      id: actionId("grj", group.id),
      label: "Join and enroll",
      style: "primary",
    };
    return [{ text: `This chat is the study group ${describe(group, course)}.`, actions: [join] }];
  }
  const courses = (await deps.catalog.listCourses()).slice(0, 8);
  return [
    {
      text: "This chat is not a study group yet. Choose its course, or send /groups <course-slug>.",
      actions: courses.map((course) => ({ id: actionId("grb", course.id), label: course.title })),
    },
  ];
}

/** `/groups` in a private chat: the learner's groups and the groups of their courses. */
async function directView(deps: StudyGroupDeps, ctx: TurnContext): Promise<Reply[]> {
  const mine = await deps.groups.listForLearner(ctx.learner.id);
  const courseIds = await deps.staff.enrolledCourseIds(ctx.learner.id);
  const courses = await deps.catalog.listCourses();
  const mineIds = new Set(mine.map((group) => group.id));
  const others = (await Promise.all(courseIds.map((id) => deps.groups.listForCourse(id))))
    .flat()
    .filter((group) => !mineIds.has(group.id))
    .slice(0, 5);
  const title = (group: StudyGroupRecord) => courses.find((c) => c.id === group.courseId);

  const lines: string[] = [];
  if (mine.length > 0) {
    lines.push("**Your study groups**", mine.map((g) => `- ${describe(g, title(g))}`).join("\n"));
  }
  if (others.length > 0) {
    lines.push(
      "**Groups for your courses**",
      others.map((g) => `- ${describe(g, title(g))}`).join("\n"),
    );
  }
  if (lines.length === 0) lines.push("You are not in a study group yet.");
  lines.push(
    "To start one, add me to a group chat, server channel or Slack channel and send /groups <course-slug> there.",
  );
  const actions: Action[] = [
    ...others.map((g) => ({ id: actionId("grj", g.id), label: `Join ${g.name}`.slice(0, 60) })),
    ...mine.map((g) => ({ id: actionId("grl", g.id), label: `Leave ${g.name}`.slice(0, 60) })),
  ];
  return [{ text: lines.join("\n\n"), actions, personal: true }];
}

/** Adds the learner to a group and enrolls them in its course. */
async function joinGroup(
  deps: StudyGroupDeps,
  ctx: TurnContext,
  groupId: string,
): Promise<Reply[]> {
  const group = await deps.groups.get(groupId);
  if (!group) return [{ text: "That study group no longer exists. Send /groups to see yours." }];
  const added = await deps.groups.addMember(group.id, ctx.learner.id);
  const enrolled = await deps.enroll(ctx, group.courseId);
  const note = added
    ? `You joined ${bold(group.name)}.`
    : `You are already in ${bold(group.name)}.`;
  return [
    { text: note, personal: true },
    ...enrolled.map((reply) => ({ ...reply, personal: true })),
  ];
}

async function leaveGroup(
  deps: StudyGroupDeps,
  ctx: TurnContext,
  groupId: string,
): Promise<Reply[]> {
  const group = await deps.groups.get(groupId);
  const removed = group ? await deps.groups.removeMember(group.id, ctx.learner.id) : false;
  if (!group || !removed) return [{ text: "You are not in that study group.", personal: true }];
  return [{ text: `You left ${bold(group.name)}. Your course progress is kept.`, personal: true }];
}

/** `/groups` (list, create/bind, join, leave) and the group buttons. */
export function studyGroupFeature(deps: StudyGroupDeps): Feature {
  return {
    commands: [
      {
        name: "groups",
        usage: "[course-slug | join <id> | leave <id>]",
        summary: "study groups: yours, your courses', or make this group chat one",
        async run(ctx, args) {
          const [verb = "", id = ""] = args.split(/\s+/);
          if (verb === "join" && id) return joinGroup(deps, ctx, id);
          if (verb === "leave" && id) return leaveGroup(deps, ctx, id);
          if (ctx.inbound.chat.kind === "group") return groupChatView(deps, ctx, args);
          if (args !== "") {
            return [
              {
                text: "Study groups live in group chats: add me to a group chat, server channel or Slack channel and send /groups <course-slug> there.",
              },
            ];
          }
          return directView(deps, ctx);
        },
      },
    ],
    actions: [
      { prefix: "grj", run: (ctx, [groupId = ""]) => joinGroup(deps, ctx, groupId) },
      { prefix: "grl", run: (ctx, [groupId = ""]) => leaveGroup(deps, ctx, groupId) },
      {
        prefix: "grb",
        async run(ctx, [courseId = ""]) {
          const course = (await deps.catalog.listCourses()).find((c) => c.id === courseId);
          if (!course || ctx.inbound.chat.kind !== "group") {
            return [{ text: "That choice has expired. Send /groups again." }];
          }
          return bindChat(deps, ctx, course.slug);
        },
      },
    ],
  };
}
