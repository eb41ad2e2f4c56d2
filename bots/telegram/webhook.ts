/**
 * Webhook mode: Telegram posts updates to PUBLIC_URL + /telegram/webhook with the secret in the
 * X-Telegram-Bot-Api-Secret-Token header (https://core.telegram.org/bots/api#setwebhook).
 */
import { timingSafeEqual } from "node:crypto";
import { json, Router } from "express";
import type { Logger } from "../../core/logger.js";
import type { TgUpdate } from "./inbound.js";

/** Path of the webhook on the StudyHall web server. */
export const WEBHOOK_PATH = "/telegram/webhook";

/** True when `given` equals `secret`, compared in constant time. */
export function secretMatches(given: string | undefined, secret: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The webhook route: 401 for a missing or wrong secret (logged without it), otherwise the
 * update is handled before answering 200 with an empty body, so Telegram retries nothing.
 */
export function telegramWebhookRouter(
  secret: string,
  handle: (update: TgUpdate) => Promise<void>,
  log: Logger,
): Router {
  const router = Router();
  router.post(WEBHOOK_PATH, json({ limit: "1mb" }), async (req, res) => {
    const given = req.get("x-telegram-bot-api-secret-token");
    if (!secretMatches(given, secret)) {
      log.warn(
        { ip: req.ip, header: given === undefined ? "missing" : "wrong" },
        "telegram webhook refused",
      );
      res.status(401).type("text/plain").send("Unauthorized");
      return;
    }
    const update = req.body as TgUpdate | undefined;
    if (!update || typeof update.update_id !== "number") {
      res.status(400).type("text/plain").send("Expected a Telegram update.");
      return;
    }
    await handle(update);
    res.status(200).end();
  });
  return router;
}
