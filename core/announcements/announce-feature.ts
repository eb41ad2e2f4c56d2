import { actionId } from "../conversation/action-id.js";
import type { Feature, TurnContext } from "../conversation/command.js";
import type { Reply } from "../messages.js";
import type { AccountStore } from "../ports/accounts.js";
import type { AnnouncementService, Announcer } from "./announcement-service.js";

/** Pending-input kind holding an announcement shown as a preview. */
const DRAFT = "announce-draft";

/** Dependencies of {@link announceFeature}. */
export interface AnnounceFeatureDeps {
  announcements: AnnouncementService;
  accounts: Pick<AccountStore, "getPending" | "setPending">;
}

function announcer(ctx: TurnContext): Announcer {
  return {
    learnerId: ctx.learner.id,
    displayName: ctx.learner.displayName,
    roles: ctx.inbound.roles,
  };
}

/**
 * `/announce <course-slug> <text>`: instructors preview an announcement, then Send or Cancel.
 * The draft waits in the account's pending input; its id makes a double-pressed Send publish once.
 */
export function announceFeature(deps: AnnounceFeatureDeps): Feature {
  async function send(ctx: TurnContext, draftId: string): Promise<Reply[]> {
    const pending = await deps.accounts.getPending(ctx.account.id);
    const data = pending?.kind === DRAFT ? pending.data : undefined;
    if (!data || data.draftId !== draftId) {
      return [
        {
          text: "This announcement was already sent or cancelled. Send /announce to write a new one.",
        },
      ];
    }
    const result = await deps.announcements.publish(announcer(ctx), {
      draftId,
      courseId: String(data.courseId),
      courseTitle: String(data.courseTitle),
      text: String(data.text),
    });
    await deps.accounts.setPending(ctx.account.id, null);
    if (!result.ok) return [{ text: result.message, updatesSource: true }];
    const people = `${result.learners} learner${result.learners === 1 ? "" : "s"}`;
    return [
      {
        text: `Announcement sent to ${people} of ${data.courseTitle} (${result.deliveries} messages across their chat apps).`,
        updatesSource: true,
      },
    ];
  }

  return {
    commands: [
      {
        name: "announce",
        usage: "<course-slug> <text>",
        summary: "send an announcement to every learner of your course",
        instructorOnly: true,
        async run(ctx, args) {
          const slug = args.split(/\s+/)[0] ?? "";
          const text = args.slice(slug.length);
          const prepared = await deps.announcements.prepare(announcer(ctx), slug, text);
          if (!prepared.ok) return [{ text: prepared.message }];
          await deps.accounts.setPending(ctx.account.id, {
            kind: DRAFT,
            data: {
              draftId: prepared.draftId,
              courseId: prepared.course.id,
              courseTitle: prepared.course.title,
              text: prepared.text,
            },
          });
          const people = `${prepared.recipients} enrolled learner${prepared.recipients === 1 ? "" : "s"}`;
          return [
            {
              text: `**Preview** of your announcement to the ${people} of ${prepared.course.title}:\n\n${prepared.text}`,
              actions: [
                {
                  id: actionId("announce", "send", prepared.draftId),
                  label: "Send",
                  style: "primary",
                },
                { id: actionId("announce", "cancel", prepared.draftId), label: "Cancel" },
              ],
            },
          ];
        },
      },
    ],
    actions: [
      {
        prefix: "announce",
        async run(ctx, [verb = "", draftId = ""]) {
          if (verb === "send") return send(ctx, draftId);
          const pending = await deps.accounts.getPending(ctx.account.id);
          if (pending?.kind === DRAFT && pending.data.draftId === draftId) {
            await deps.accounts.setPending(ctx.account.id, null);
          }
          return [{ text: "Announcement cancelled; nothing was sent.", updatesSource: true }];
        },
      },
    ],
    textInputs: [
      {
        kind: DRAFT,
        async run() {
          return [
            {
              text: "Press Send or Cancel under the preview, or send /announce again to start over.",
            },
          ];
        },
      },
    ],
  };
}
