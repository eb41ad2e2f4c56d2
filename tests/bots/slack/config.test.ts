import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../app/config.js";

const slackEnv = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" };

describe("Slack configuration", () => {
  it("reads SLACK_INSTRUCTORS as a list of user ids separated by commas or spaces", () => {
    const config = loadConfig({ ...slackEnv, SLACK_INSTRUCTORS: "U01ABC, W02DEF U03GHI" });

    expect(config.slack?.instructors).toEqual(["U01ABC", "W02DEF", "U03GHI"]);
  });

  it("stops start-up naming SLACK_INSTRUCTORS when it holds something other than user ids", () => {
    const load = () => loadConfig({ ...slackEnv, SLACK_INSTRUCTORS: "@ada, bob" });

    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/SLACK_INSTRUCTORS must list Slack user ids/);
  });

  it("starts Slack in Socket Mode with an app token and no signing secret", () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" });

    expect(config.slack).toMatchObject({ botToken: "xoxb-1", appToken: "xapp-1", instructors: [] });
  });
});
