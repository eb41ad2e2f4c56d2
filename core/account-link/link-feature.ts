import type { Feature, TurnContext } from "../conversation/command.js";
import type { Reply } from "../messages.js";
import type { AccountStore } from "../ports/accounts.js";
import { createGuessLimit, type GuessLimit } from "./guess-limit.js";
import { generateLinkCode, LINK_CODE_TTL_MS, normalizeLinkCode } from "./link-code.js";
import { codeMadeText, linkedText, type RefusalReason, refusalText } from "./link-messages.js";
import type { AccountLinkStore, LinkCodeRecord } from "./link-store.js";

/** What `/link` needs, wired in app/compose.ts. */
export interface AccountLinkDeps {
  store: AccountLinkStore;
  accounts: AccountStore;
  /** Drops cached identities of a learner that a link merged away (the account store's cache). */
  forgetLearner(learnerId: string): void;
  /** Throttle for wrong codes; a fresh in-memory one when omitted. */
  guesses?: GuessLimit;
}

/** Attempts at a free code before giving up (a collision among a million is rare). */
const CODE_TRIES = 5;

function personal(text: string): Reply[] {
  return [{ text, personal: true }];
}

async function makeCode(deps: AccountLinkDeps, ctx: TurnContext): Promise<Reply[]> {
  if (ctx.inbound.chat.kind === "group") return personal(refusalText("group-chat", ""));
  for (let i = 0; i < CODE_TRIES; i++) {
    const record: LinkCodeRecord = {
      code: generateLinkCode(),
      learnerId: ctx.learner.id,
      accountId: ctx.account.id,
      expiresAt: new Date(ctx.now.getTime() + LINK_CODE_TTL_MS),
      usedAt: null,
    };
    if (await deps.store.createCode(record, ctx.now)) {
      const linked = await deps.accounts.listAccounts(ctx.learner.id);
      return personal(
        codeMadeText(
          record.code,
          linked.map((account) => account.platform),
        ),
      );
    }
  }
  return personal("I could not make a free link code just now. Please send /link again.");
}

/** Why `code` cannot link this account, or null when it can. */
function refusal(code: LinkCodeRecord | null, ctx: TurnContext): RefusalReason | null {
  if (!code) return "unknown";
  if (code.learnerId === ctx.learner.id) {
    return code.accountId === ctx.account.id ? "same-account" : "already-linked";
  }
  if (code.usedAt) return "used";
  if (code.expiresAt.getTime() <= ctx.now.getTime()) return "expired";
  return null;
}

async function useCode(deps: AccountLinkDeps, ctx: TurnContext, typed: string) {
  const guesses = deps.guesses as GuessLimit;
  const wait = guesses.waitMs(ctx.account.id, ctx.now);
  if (wait > 0) return personal(refusalText("too-many-tries", typed, wait));
  const code = normalizeLinkCode(typed);
  if (!code) return personal(refusalText("malformed", typed.slice(0, 40)));

  // Read, then act: the store claims the code atomically, so a race only ever says "stale".
  for (let round = 0; round < 2; round++) {
    const record = await deps.store.findCode(code);
    const reason = refusal(record, ctx);
    if (reason) {
      if (reason === "unknown") guesses.recordMiss(ctx.account.id, ctx.now);
      return personal(refusalText(reason, code));
    }
    const result = await deps.store.linkAccount(code, ctx.account.id, ctx.now);
    if (result.status === "stale") continue;

    deps.forgetLearner(result.mergedLearnerId);
    deps.forgetLearner(record!.learnerId);
    ctx.log.info({ learner: record!.learnerId, merged: result.mergedLearnerId }, "accounts linked");
    const all = await deps.accounts.listAccounts(record!.learnerId);
    const platforms = all.map((account) => account.platform);
    return personal(linkedText(ctx.inbound.platform, platforms, result.moved));
  }
  return personal(refusalText("used", code));
}

/** `/link`: make a one-time code, or use one made on another account to join the two. */
export function accountLinkFeature(deps: AccountLinkDeps): Feature {
  const withLimit = { ...deps, guesses: deps.guesses ?? createGuessLimit() };
  return {
    commands: [
      {
        name: "link",
        usage: "[code]",
        summary: "link your accounts on other platforms into one learner",
        run: (ctx, args) =>
          args === "" ? makeCode(withLimit, ctx) : useCode(withLimit, ctx, args),
      },
    ],
  };
}
