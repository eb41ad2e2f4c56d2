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

function keyOf(wait: AnswerWait): string {
  return JSON.stringify([wait.mode, wait.ref, wait.mode === "review" ? wait.questionId : null]);
}

function keyOfData(data: Record<string, unknown>): string {
  return JSON.stringify([data.mode, data.ref, data.questionId ?? null]);
}

/** True when the router cleared the pending input before this turn (it does before commands). */
function pendingCleared(ctx: TurnContext): boolean {
  return ctx.inbound.action === undefined && parseCommand(ctx.inbound.text ?? "") !== null;
}

/**
 * Makes typed text go to `wait` (every question, choice ones included, takes a typed answer),
 * or with null stops waiting for a quiz answer. Writes only when the wait changes; the
 * account store keeps this process's copy, so the answer hot path usually reads nothing.
 */
export async function waitForAnswer(
  deps: LearningDeps,
  ctx: TurnContext,
  wait: AnswerWait | null,
): Promise<void> {
  const accountId = ctx.account.id;
  const current = pendingCleared(ctx) ? null : await deps.accounts.getPending(accountId);
  const ours = current?.kind === QUIZ_ANSWER_INPUT;
  if (wait === null) {
    if (ours) await deps.accounts.setPending(accountId, null);
  } else if (!ours || keyOfData(current.data) !== keyOf(wait)) {
    await deps.accounts.setPending(accountId, { kind: QUIZ_ANSWER_INPUT, data: { ...wait } });
  }
}
