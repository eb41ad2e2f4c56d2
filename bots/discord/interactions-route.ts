import { createPublicKey, type KeyObject, verify } from "node:crypto";
import type { APIInteraction } from "discord.js";
import { type Request, type Response, Router, raw } from "express";
import type { Clock } from "../../core/clock.js";
import type { Logger } from "../../core/logger.js";
import type { InteractionHandler } from "./interactions.js";
import type { Respond } from "./respond.js";

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow it. */
const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/** Signatures older or newer than this are refused, so a captured request cannot be replayed later. */
const MAX_SKEW_SECONDS = 300;

/** Turns DISCORD_PUBLIC_KEY (64 hex characters) into a key node:crypto verifies with. */
export function discordPublicKey(hex: string): KeyObject {
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, "hex")]),
    format: "der",
    type: "spki",
  });
}

/**
 * True when `signature` (hex) is the application's Ed25519 signature of timestamp + body.
 * https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-validating-security-request-headers
 */
export function isValidSignature(
  key: KeyObject,
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
): boolean {
  if (!signature || !timestamp || !/^[0-9a-f]{128}$/i.test(signature)) return false;
  const message = Buffer.concat([Buffer.from(timestamp, "utf8"), body]);
  return verify(null, message, key, Buffer.from(signature, "hex"));
}

/** Dependencies of {@link discordInteractionsRoute}. */
export interface InteractionsRouteDeps {
  publicKey: string;
  interactions: InteractionHandler;
  clock: Clock;
  logger: Logger;
}

/**
 * POST /discord/interactions: Discord's HTTP interactions endpoint. Checks the Ed25519 signature
 * (401 otherwise), answers PING with PONG and hands every other interaction to the same handler
 * as the gateway; its first answer is the HTTP response, later ones go through the webhook API.
 */
export function discordInteractionsRoute(deps: InteractionsRouteDeps): Router {
  const key = discordPublicKey(deps.publicKey);
  const log = deps.logger.child({ platform: "discord", route: "interactions" });
  const router = Router();
  router.post(
    "/discord/interactions",
    raw({ type: () => true, limit: "1mb" }),
    async (req, res) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const timestamp = req.header("x-signature-timestamp");
      if (
        !isValidSignature(key, req.header("x-signature-ed25519"), timestamp, body) ||
        !fresh(timestamp, deps.clock)
      ) {
        res.status(401).type("text/plain").send("invalid request signature");
        return;
      }
      const interaction = parse(body);
      if (!interaction) {
        res
          .status(400)
          .json({ error: "The body is not a Discord interaction (JSON with id, type and token)." });
        return;
      }
      await answer(interaction, req, res, deps.interactions, log);
    },
  );
  return router;
}

async function answer(
  interaction: APIInteraction,
  _req: Request,
  res: Response,
  interactions: InteractionHandler,
  log: Logger,
): Promise<void> {
  let answered = false;
  const respond: Respond = async (body) => {
    answered = true;
    res.status(200).json(body);
  };
  await interactions.handle(interaction, respond);
  if (!answered) {
    log.error({ interaction: interaction.id }, "interaction ended without an answer");
    res.status(500).json({ error: "No answer was produced; please try again." });
  }
}

function fresh(timestamp: string | undefined, clock: Clock): boolean {
  const seconds = Number(timestamp);
  return (
    Number.isFinite(seconds) && Math.abs(clock.now().getTime() / 1000 - seconds) <= MAX_SKEW_SECONDS
  );
}

function parse(body: Buffer): APIInteraction | null {
  try {
    const value = JSON.parse(body.toString("utf8")) as Partial<APIInteraction>;
    const valid =
      typeof value.id === "string" &&
      typeof value.type === "number" &&
      typeof value.token === "string";
    return valid ? (value as APIInteraction) : null;
  } catch {
    return null;
  }
}
