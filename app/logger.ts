import pino from "pino";
import type { Logger } from "../core/logger.js";

/**
 * The process logger: JSON lines in production, pretty output when attached to a terminal.
 * Tokens, secrets and learners' message bodies are never logged at info level.
 */
export function createLogger(level: string, pretty = process.stdout.isTTY): Logger {
  const options = {
    level,
    redact: ["token", "secret", "*.token", "*.secret", "headers.authorization"],
  };
  if (pretty) {
    return pino({ ...options, transport: { target: "pino-pretty", options: { colorize: true } } });
  }
  return pino(options);
}
