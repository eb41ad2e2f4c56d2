import type { App } from "@slack/bolt";
import { unescapeSlackText } from "./mrkdwn.js";
import type { SlackRuntime } from "./runtime.js";

/**
 * Text typed in the app's Messages tab goes to the core like a typed answer or command.
 * Edits, bot messages and other subtypes are ignored; Slack's retries (same event_id) are
 * handled once.
 */
export function registerDirectMessages(app: App, rt: SlackRuntime): void {
  app.event("message", async ({ event, body, context }) => {
    if (event.channel_type !== "im" || event.subtype !== undefined) return;
    if ("bot_id" in event && event.bot_id) return;
    const eventId = (body as { event_id?: string }).event_id ?? `${event.channel}:${event.ts}`;
    if (!(await rt.firstSeen(`event:${eventId}`))) {
      rt.log.info({ event: eventId, retry: context.retryNum }, "Slack retry ignored");
      return;
    }
    const text = unescapeSlackText(event.text ?? "");
    const place = await rt.place(event.user, event.channel);
    await rt.runTurn(place, { id: event.user, name: event.user }, { text });
  });
}
