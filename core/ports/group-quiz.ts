import type { Platform, Reply } from "../messages.js";

/** One day's group quiz question in a study group. */
export interface GroupQuizRoundRecord {
  id: string;
  groupId: string;
  /** Local date (YYYY-MM-DD) in the group's time zone. */
  day: string;
  questionId: string;
  lessonId: string | null;
  createdAt: Date;
}

/** A study group as the group quiz planner sees it. */
export interface QuizGroup {
  id: string;
  courseId: string;
  name: string;
  platform: Platform;
  externalId: string;
  timeZone: string;
}

/** A new round with the delivery that posts it in the group. */
export interface NewGroupQuizRound {
  round: Omit<GroupQuizRoundRecord, "createdAt">;
  /** The group post: lesson of the day, standings and the question. */
  post: { idempotencyKey: string; payload: Reply[]; dueAt: Date };
}

/** A row of the leaderboard: points are right answers. */
export interface LeaderboardEntry {
  learnerId: string;
  displayName: string;
  points: number;
  answered: number;
}

/** Group quiz rounds, answers and standings. */
export interface GroupQuizStore {
  /** Every study group, for the daily planner. */
  listGroups(): Promise<QuizGroup[]>;
  /** A group by id, or null. */
  getGroup(groupId: string): Promise<QuizGroup | null>;
  /** Number of rounds a group has had (the day index of the next one). */
  countRounds(groupId: string): Promise<number>;
  /** A round by id, or null. */
  getRound(roundId: string): Promise<GroupQuizRoundRecord | null>;
  /** The group's latest round, or null. */
  latestRound(groupId: string): Promise<GroupQuizRoundRecord | null>;
  /**
   * Writes the round and its delivery in one transaction; false when the group already has a
   * round that day (another planner got there first) and nothing was written.
   */
  createRound(input: NewGroupQuizRound): Promise<boolean>;
  /** Records a member's answer; "duplicate" when they had answered this round already. */
  recordAnswer(answer: {
    roundId: string;
    learnerId: string;
    choice: number;
    correct: boolean;
    at: Date;
  }): Promise<"recorded" | "duplicate">;
  /** Standings of a group, most points first (ties: fewer answers, then name). */
  leaderboard(groupId: string, limit: number): Promise<LeaderboardEntry[]>;
}
