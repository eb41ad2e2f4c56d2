import { LogLevel, type Logger as SlackLogger } from "@slack/bolt";
import type { Logger } from "../../core/logger.js";

/** Bolt's logger interface on top of StudyHall's structured logger; Bolt's chatter is debug. */
export function boltLogger(logger: Logger): SlackLogger {
  let level = LogLevel.INFO;
  const text = (parts: unknown[]) =>
    parts.map((part) => (part instanceof Error ? part.message : String(part))).join(" ");
  return {
    debug: (...parts) => logger.debug({ source: "bolt" }, text(parts)),
    info: (...parts) => logger.debug({ source: "bolt" }, text(parts)),
    warn: (...parts) => logger.warn({ source: "bolt" }, text(parts)),
    error: (...parts) => logger.error({ source: "bolt" }, text(parts)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
