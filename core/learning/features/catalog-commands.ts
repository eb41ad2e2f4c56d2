import { actionId } from "../../conversation/action-id.js";
import type { Feature, TurnContext } from "../../conversation/command.js";
import type { Reply } from "../../messages.js";
import type { CourseContent } from "../../ports/catalog.js";
import { bold } from "../../text/markdown.js";
import { listingLine, openCourseAction, renderCourseCard } from "../course-card.js";
import type { LearningDeps } from "../learning-deps.js";
import { continueCourse } from "../lesson-flow.js";
import { closestCourses, matchCourses } from "../match-courses.js";
import { findStudy } from "../study.js";

/** Most courses listed in one reply. */
const LIST_LIMIT = 10;
/** Longest search query read. */
const MAX_QUERY = 100;

function welcome(name: string): string {
  return [
    bold(`Welcome to StudyHall, ${name}!`),
    "I help you learn practical skills in short pieces, right here in the chat: find a course, study it a few minutes at a time, test yourself with quizzes and earn a certificate you can share.",
    [
      "- /courses [words]: find a course",
      "- /course <slug>: a course's description and syllabus",
      "- /enroll <slug>: start a course",
      "- /next: the next part of your lesson",
      "- /quiz: your current quiz, or questions to review",
      "- /progress: how far you are",
      "- /help: every command",
    ].join("\n"),
  ].join("\n\n");
}

/** A course's card, recording the view (and the click-through when it came from a search). */
async function showCard(
  deps: LearningDeps,
  ctx: TurnContext,
  course: CourseContent,
  fromSearch: boolean,
): Promise<Reply[]> {
  const [rating, study] = await Promise.all([
    deps.catalog.ratingSummary(course.id, 3),
    findStudy(deps, ctx.learner.id, course.id),
  ]);
  const event = { learnerId: ctx.learner.id, courseId: course.id, at: ctx.now };
  if (fromSearch) await deps.catalog.recordEvent({ name: "search_click", ...event });
  await deps.catalog.recordEvent({ name: "course_view", ...event });
  return [
    renderCourseCard(course, rating, { enrolled: study !== null, publicUrl: deps.publicUrl }),
  ];
}

/** "No course x" with the closest matches as buttons, or the list command when none is close. */
export async function courseNotFound(deps: LearningDeps, wanted: string): Promise<Reply[]> {
  const shown = wanted.length > 60 ? `${wanted.slice(0, 60)}…` : wanted;
  const close = closestCourses(await deps.courses.listings(), wanted);
  if (close.length === 0) {
    return [{ text: `No course "${shown}". Send /courses to see every course.` }];
  }
  return [
    {
      text: `No course "${shown}". Did you mean one of these?\n${close.map((c) => `- ${c.title} (\`${c.slug}\`)`).join("\n")}`,
      actions: close.map((course) => openCourseAction(course)),
    },
  ];
}

async function listCourses(deps: LearningDeps, ctx: TurnContext, query: string): Promise<Reply[]> {
  if (query.length > MAX_QUERY) {
    return [
      {
        text: `Search words are limited to ${MAX_QUERY} characters; yours were ${query.length}. Try fewer words.`,
      },
    ];
  }
  const all = await deps.courses.listings();
  const found = matchCourses(all, query);
  if (query) {
    await deps.catalog.recordEvent({
      name: "search",
      learnerId: ctx.learner.id,
      props: { query, results: found.length },
      at: ctx.now,
    });
  }
  if (all.length === 0) return [{ text: "There are no courses yet. Please come back soon." }];
  if (found.length === 0) {
    return [
      { text: `No course matches "${query}". Send /courses to see all ${all.length} courses.` },
    ];
  }
  const shown = found.slice(0, LIST_LIMIT);
  const more =
    found.length > shown.length
      ? `\n\nAnd ${found.length - shown.length} more: add words to narrow the search.`
      : "";
  const title = query ? bold(`Courses matching "${query}"`) : "**Courses**";
  return [
    {
      text: `${title}\n\n${shown.map(listingLine).join("\n")}${more}`,
      actions: shown.map((course) => openCourseAction(course, query !== "")),
    },
  ];
}

async function enroll(
  deps: LearningDeps,
  ctx: TurnContext,
  course: CourseContent,
): Promise<Reply[]> {
  const { enrollment, created } = await deps.learning.enroll(ctx.learner.id, course.id, ctx.now);
  if (!created) {
    return [
      {
        text: `You are already enrolled in ${bold(course.title)}.`,
        actions: [{ id: actionId("nx", course.id), label: "Continue", style: "primary" }],
      },
    ];
  }
  await deps.catalog.recordEvent({
    name: "enroll",
    learnerId: ctx.learner.id,
    courseId: course.id,
    at: ctx.now,
  });
  const intro: Reply = {
    text: `You are enrolled in ${bold(course.title)}: ${course.lessons.length} lessons. Send /next (or tap Next) whenever you want the next piece.`,
  };
  return [intro, ...(await continueCourse(deps, ctx, { enrollment, course }))];
}

async function withCourse(
  deps: LearningDeps,
  slug: string,
  usage: string,
  then: (course: CourseContent) => Promise<Reply[]>,
): Promise<Reply[]> {
  if (!slug) return [{ text: usage }];
  const course = await deps.courses.findCourse(slug);
  return course ? then(course) : courseNotFound(deps, slug);
}

/** `/start`, `/courses`, `/course` and `/enroll`, with their buttons. */
export function catalogFeature(deps: LearningDeps): Feature {
  const byId = async (id: string | undefined, then: (c: CourseContent) => Promise<Reply[]>) => {
    const course = id ? await deps.courses.course(id) : null;
    return course
      ? then(course)
      : [{ text: "That course is no longer available. Send /courses to see the others." }];
  };
  return {
    commands: [
      {
        name: "start",
        usage: "[course]",
        summary: "what StudyHall is and how to use it",
        async run(ctx, args) {
          if (args) return withCourse(deps, args, "", (c) => showCard(deps, ctx, c, false));
          return [
            {
              text: welcome(ctx.learner.displayName),
              actions: [{ id: "cl", label: "Browse courses", style: "primary" }],
            },
          ];
        },
      },
      {
        name: "courses",
        usage: "[words]",
        summary: "list courses, or find them by words",
        run: (ctx, args) => listCourses(deps, ctx, args),
      },
      {
        name: "course",
        usage: "<slug>",
        summary: "a course's description, syllabus and reviews",
        run: (ctx, args) =>
          withCourse(
            deps,
            args,
            "Which course? Send /course <slug>, for example from /courses.",
            (c) => showCard(deps, ctx, c, false),
          ),
      },
      {
        name: "enroll",
        usage: "<slug>",
        summary: "start a course",
        run: (ctx, args) =>
          withCourse(deps, args, "Which course? Send /enroll <slug>; /courses lists them.", (c) =>
            enroll(deps, ctx, c),
          ),
      },
    ],
    actions: [
      { prefix: "cl", run: (ctx) => listCourses(deps, ctx, "") },
      {
        prefix: "co",
        run: (ctx, [id, from]) => byId(id, (c) => showCard(deps, ctx, c, from === "s")),
      },
      { prefix: "en", run: (ctx, [id]) => byId(id, (c) => enroll(deps, ctx, c)) },
    ],
  };
}
