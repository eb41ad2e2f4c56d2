import type { TutorTurn } from "../ports/tutor.js";

/** Earlier exchanges sent with a question, so that follow-ups ("and why?") make sense. */
const TURNS_KEPT = 3;

/** Learners whose history is kept in memory; the oldest are dropped first. */
const LEARNERS_KEPT = 5_000;

/**
 * The last few questions and answers per learner and lesson, in memory only: a follow-up
 * needs them for minutes, not for ever, and a restart merely starts a fresh conversation.
 */
export interface TutorHistory {
  /** Earlier turns of `learnerId` about `lessonId`, oldest first. */
  turns(learnerId: string, lessonId: string): TutorTurn[];
  /** Adds a turn; a different lesson starts a new history. */
  add(learnerId: string, lessonId: string, turn: TutorTurn): void;
}

/** Builds an empty {@link TutorHistory}. */
export function createTutorHistory(): TutorHistory {
  const entries = new Map<string, { lessonId: string; turns: TutorTurn[] }>();
  return {
    turns(learnerId, lessonId) {
      const entry = entries.get(learnerId);
      return entry?.lessonId === lessonId ? [...entry.turns] : [];
    },
    add(learnerId, lessonId, turn) {
      const entry = entries.get(learnerId);
      const turns = entry?.lessonId === lessonId ? entry.turns : [];
      entries.delete(learnerId);
      entries.set(learnerId, { lessonId, turns: [...turns, turn].slice(-TURNS_KEPT) });
      if (entries.size > LEARNERS_KEPT) entries.delete(entries.keys().next().value as string);
    },
  };
}
