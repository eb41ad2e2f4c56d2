import type { App } from "@slack/bolt";
import { homeView } from "./home-view.js";
import type { SlackRuntime } from "./runtime.js";

/**
 * The App Home tab: published when the learner opens it and re-published after each turn
 * whose progress changed it (a lesson finished, a course enrolled), so it is always current.
 */
export function registerHome(app: App, rt: SlackRuntime): void {
  const source = rt.home;
  if (!source) return;
  const published = new Map<string, string>();

  rt.refreshHome = async (userId, force = false) => {
    try {
      // Opening the Home tab may be a learner's first contact: use their real name.
      const { realName } = await rt.profile(userId);
      const { learner } = await rt.accounts.identify({
        platform: "slack",
        externalId: userId,
        displayName: realName ?? userId,
      });
      const view = homeView(await source.snapshot(learner));
      const json = JSON.stringify(view);
      if (!force && published.get(userId) === json) return;
      await rt.client.views.publish({ user_id: userId, view });
      published.set(userId, json);
    } catch (error) {
      // The Home tab is a convenience; a failure must not fail the learner's turn.
      rt.log.warn({ err: error }, "Home tab not published");
    }
  };

  app.event("app_home_opened", async ({ event }) => {
    if (event.tab !== "home") return;
    await rt.refreshHome(event.user, true);
  });
}
