import type { Platform } from "../messages.js";
import { bold } from "../text/markdown.js";
import { LINK_CODE_TTL_MS } from "./link-code.js";
import type { MergeCounts } from "./link-store.js";

const PLATFORM_NAMES: Record<Platform, string> = {
  web: "web chat",
  telegram: "Telegram",
  discord: "Discord",
  slack: "Slack",
};

/** A platform as learners call it ("Telegram", "web chat"). */
export function platformName(platform: Platform): string {
  return PLATFORM_NAMES[platform];
}

/** "Telegram and web chat", "Discord, Slack and web chat". */
export function listPlatforms(platforms: Platform[]): string {
  const names = [...new Set(platforms)].map(platformName);
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** The reply to `/link` with no argument: the code and what to do with it. */
export function codeMadeText(code: string, linked: Platform[]): string {
  const minutes = LINK_CODE_TTL_MS / 60_000;
  const lines = [
    `Your link code is ${bold(code)}. It works once, for the next ${minutes} minutes.`,
    `On your other account (Telegram, Discord, Slack or the web chat), send:\n\`/link ${code}\``,
    "That account and everything you studied there join this one. Where both accounts have the same course, the progress made here is kept.",
  ];
  if (linked.length > 1) lines.push(`Already linked here: ${listPlatforms(linked)}.`);
  return lines.join("\n\n");
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** What moved in a merge, as a phrase; empty when the other account had no study yet. */
export function movedPhrase(moved: MergeCounts): string {
  const parts = [
    moved.enrollments ? plural(moved.enrollments, "course", "courses") : "",
    moved.lessons ? plural(moved.lessons, "lesson with progress", "lessons with progress") : "",
    moved.attempts ? plural(moved.attempts, "quiz attempt", "quiz attempts") : "",
    moved.certificates ? plural(moved.certificates, "certificate", "certificates") : "",
  ].filter(Boolean);
  return parts.join(", ");
}

/** The reply after a successful link. */
export function linkedText(here: Platform, all: Platform[], moved: MergeCounts): string {
  const others = all.filter((platform) => platform !== here);
  const subject = others.length
    ? `This ${platformName(here)} account and your ${listPlatforms(others)} account are`
    : `This ${platformName(here)} account is`;
  const phrase = movedPhrase(moved);
  return [
    `✅ Linked. ${subject} now one learner with one progress record.`,
    phrase ? `Moved over from this account: ${phrase}.` : "",
    "Send /progress to see it all together.",
  ]
    .filter(Boolean)
    .join("\n\n");
}

/** Why a typed code was refused. */
export type RefusalReason =
  | "malformed"
  | "unknown"
  | "expired"
  | "used"
  | "same-account"
  | "already-linked"
  | "group-chat"
  | "too-many-tries";

/** The learner-facing explanation of a refused `/link`, with what to do instead. */
export function refusalText(reason: RefusalReason, code: string, waitMs = 0): string {
  const again = "Send /link on your other account to get a new code.";
  switch (reason) {
    case "malformed":
      return `"${code}" is not a link code: a code is 6 digits, for example \`/link 123456\`. Send /link on the account you want to keep to get one.`;
    case "unknown":
      return `There is no link code ${code}. Check the digits, or send /link on your other account to get a new code.`;
    case "expired":
      return `Link code ${code} has expired: codes last ${LINK_CODE_TTL_MS / 60_000} minutes. ${again}`;
    case "used":
      return `Link code ${code} was already used, and each code works only once. ${again}`;
    case "same-account":
      return `You made code ${code} on this account. Send \`/link ${code}\` from your other account (another platform or the web chat) to link the two.`;
    case "already-linked":
      return "This account already belongs to the learner who made that code, so there is nothing to link. Send /progress to see your study.";
    case "group-chat":
      return "Send /link in a private chat with me, not in a group: anyone who sees your code could use it.";
    case "too-many-tries":
      return `Too many wrong link codes. Wait ${Math.ceil(waitMs / 60_000)} min, then try again with the code shown on your other account.`;
  }
}
