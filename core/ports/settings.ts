/** A learner's schedule settings, as `/settings` shows and changes them. */
export interface LearnerSettings {
  /** IANA zone name ("Europe/Berlin") or a fixed offset ("UTC+5:30"). */
  timeZone: string;
  /** Local minute of the day (0..1439) at which the first lesson of the day arrives. */
  lessonMinute: number;
  /** Lessons sent on each study day (1..MAX_LESSONS_PER_DAY). */
  lessonsPerDay: number;
  /** ISO weekdays with lessons, 1 = Monday .. 7 = Sunday, ascending. */
  studyDays: number[];
  /** Scheduled lessons and reminders are held while paused. */
  paused: boolean;
  /** The learner asked for scheduled lessons. */
  scheduleEnabled: boolean;
}

/** Reads and changes learner settings. */
export interface SettingsStore {
  /** The settings of a learner; throws NotFoundError for an unknown learner. */
  get(learnerId: string): Promise<LearnerSettings>;
  /** Applies `patch` and returns the settings as now stored. */
  update(learnerId: string, patch: Partial<LearnerSettings>): Promise<LearnerSettings>;
  /** Changes the name shown on certificates and reviews. */
  rename(learnerId: string, displayName: string): Promise<void>;
}
