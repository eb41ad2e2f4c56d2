import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SLASH_COMMAND } from "../../../bots/slack/command-words.js";
import { SLACK_ENDPOINTS } from "../../../bots/slack/slack-app.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const manifest = parse(fs.readFileSync(path.join(here, "../../../slack-manifest.yaml"), "utf8"));

describe("slack-manifest.yaml", () => {
  it("points Slack at the routes the adapter serves", () => {
    const pathOf = (url: string) => new URL(url).pathname;

    expect(pathOf(manifest.settings.event_subscriptions.request_url)).toBe(SLACK_ENDPOINTS.events);
    expect(pathOf(manifest.settings.interactivity.request_url)).toBe(SLACK_ENDPOINTS.interactions);
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([
      SLASH_COMMAND,
    ]);
    expect(pathOf(manifest.features.slash_commands[0].url)).toBe(SLACK_ENDPOINTS.commands);
  });

  it("asks for exactly the scopes and events the adapter uses", () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      "channels:manage",
      "chat:write",
      "commands",
      "im:history",
      "im:write",
      "users:read",
    ]);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual([
      "app_home_opened",
      "message.im",
    ]);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });
});
