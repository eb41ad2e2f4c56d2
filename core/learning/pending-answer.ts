import type { TurnContext } from "../conversation/command.js";
import { parseCommand } from "../conversation/router.js";
import type { LearningDeps } from "./learning-deps.js";

/** Pending-input kind of a typed quiz or review answer. */
export const QUIZ_ANSWER_INPUT = "quiz-answer";

/**
 * What a typed answer goes to: the current question of an open attempt (so one wait serves
 * every question of it), or one due review question.
 */
export type AnswerWait =
  | { mode: "attempt"; ref: string }
  | { mode: "review"; ref: string; questionId: string };

/**
 * How long an answer button trusts this process's memory of an account's wait instead of
 * reading it. Within it, a command that cleared the wait followed by a button answer leaves
 * typing off until the next question shown by a command, toggle or typed answer.
 */
const TRUST_MS = 30_000;
/** Accounts remembered; beyond this many the memory starts over. */
const MAX_REMEMBERED = 50_000;

/** This process's memory of the waits it wrote or read, by account. */
export type AnswerWaitMemory = Map<string, { key: string; checkedAt: number }>;

function keyOf(wait: AnswerWait): string {
  return JSON.stringify([wait.mode, wait.ref, wait.mode === "review" ? wait.questionId : null]);
}

function keyOfData(data: Record<string, unknown>): string {
  return JSON.stringify([data.mode, data.ref, data.questionId ?? null]);
}

function remember(deps: LearningDeps, accountId: string, key: string | null, at: Date): void {
  if (key === null) {
    deps.answerWaits.delete(accountId);
    return;
  }
  if (deps.answerWaits.size >= MAX_REMEMBERED) deps.answerWaits.clear();
  deps.answerWaits.set(accountId, { key, checkedAt: at.getTime() });
}

/** An answer button on a wait this process set moments ago: the hot path reads nothing. */
function trusted(deps: LearningDeps, ctx: TurnContext, key: string): boolean {
  const known = deps.answerWaits.get(ctx.account.id);
  const answering = /^(qa|sa):/.test(ctx.inbound.action ?? "");
  return answering && known?.key === key && ctx.now.getTime() - known.checkedAt < TRUST_MS;
}

/** True when the router cleared the pending input before this turn (it does before commands). */
function pendingCleared(ctx: TurnContext): boolean {
  return ctx.inbound.action === undefined && parseCommand(ctx.inbound.text ?? "") !== null;
}

/**
 * Makes typed text go to `wait` (every question, choice ones included, takes a typed answer),
 * or with null stops waiting for a quiz answer. Writes only when the wait changes, and an
 * answer button right after the wait was set neither reads nor writes.
 */
export async function waitForAnswer(
  deps: LearningDeps,
  ctx: TurnContext,
  wait: AnswerWait | null,
): Promise<void> {
  const accountId = ctx.account.id;
  const key = wait ? keyOf(wait) : null;
  if (key !== null && trusted(deps, ctx, key)) return;
  const current = pendingCleared(ctx) ? null : await deps.accounts.getPending(accountId);
  const ours = current?.kind === QUIZ_ANSWER_INPUT;
  if (wait === null) {
    if (ours) await deps.accounts.setPending(accountId, null);
  } else if (!ours || keyOfData(current.data) !== key) {
    await deps.accounts.setPending(accountId, { kind: QUIZ_ANSWER_INPUT, data: { ...wait } });
  }
  remember(deps, accountId, key, ctx.now);
}
