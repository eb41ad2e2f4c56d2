import type { AccountStore } from "../ports/accounts.js";
import type { EventStore } from "../ports/community.js";
import type { DeliveryStore, NewDelivery } from "../ports/deliveries.js";
import { bold } from "../text/markdown.js";
import { formatEventTime } from "./events.js";

/** Dependencies of {@link planEventReminders}. */
export interface EventReminderDeps {
  events: Pick<EventStore, "startingBetween" | "attendees">;
  accounts: Pick<AccountStore, "listAccounts">;
  deliveries: Pick<DeliveryStore, "enqueue">;
  /** Learner time zones, to state the start time in each one's local time. */
  timeZoneOf(learnerId: string): Promise<string>;
}

/** How long before an event its reminder goes out. */
export const EVENT_REMINDER_LEAD_MS = 30 * 60_000;

/**
 * Writes one reminder delivery per reachable account of everyone going or interested in an
 * event that starts within the lead time. The key makes a second run a no-op.
 */
export async function planEventReminders(
  deps: EventReminderDeps,
  now: Date,
  leadMs = EVENT_REMINDER_LEAD_MS,
): Promise<number> {
  const soon = await deps.events.startingBetween(now, new Date(now.getTime() + leadMs));
  const rows: NewDelivery[] = [];
  for (const event of soon) {
    for (const learnerId of await deps.events.attendees(event.id)) {
      const timeZone = await deps.timeZoneOf(learnerId);
      const where = event.location ? `\n\nWhere: ${event.location}` : "";
      const text = `Reminder: ${bold(event.title)} starts ${formatEventTime(event.startsAt, timeZone)}.${where}`;
      for (const account of await deps.accounts.listAccounts(learnerId)) {
        if (!account.reachable || !account.chatId) continue;
        rows.push({
          idempotencyKey: `event:${event.id}:${account.id}`,
          learnerId,
          platform: account.platform,
          target: account.chatId,
          kind: "event",
          courseId: event.courseId,
          payload: [{ text }],
          dueAt: now,
        });
      }
    }
  }
  return rows.length > 0 ? deps.deliveries.enqueue(rows) : 0;
}
