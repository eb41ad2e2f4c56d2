import { ManualClock } from "../../../core/clock.js";
import { createDispatcher, type Dispatcher } from "../../../core/delivery/dispatcher.js";
import { silentLogger } from "../../../core/logger.js";
import type { Platform } from "../../../core/messages.js";
import { createLessonPlanner, type LessonPlanner } from "../../../core/schedule/plan-lessons.js";
import { type Db, openDatabase } from "../../../prisma/database.js";
import { migrate } from "../../../prisma/migrate.js";
import { createAccountStore } from "../../../prisma/store/accounts.js";
import { createDeliveryStore } from "../../../prisma/store/deliveries.js";
import { createScheduleStore } from "../../../prisma/store/schedule.js";
import { fakeSleep } from "../../delivery/support/fake-sleep.js";
import { RecordingAdapter } from "../../delivery/support/recording-adapter.js";
import { createTestDatabase, type TestDatabase } from "../../support/databases.js";

/** A database with the planner and one dispatcher per platform, on a fake clock. */
export interface ScheduleHarness {
  database: TestDatabase;
  db: Db;
  clock: ManualClock;
  planner: LessonPlanner;
  adapters: Map<Platform, RecordingAdapter>;
  dispatchers: Dispatcher[];
  /** Runs the planner, then drains every dispatcher. */
  tick(): Promise<void>;
  close(): Promise<void>;
}

/** Builds a {@link ScheduleHarness} on a fresh database of `kind`. */
export async function createScheduleHarness(
  kind: "sqlite" | "postgres",
  start: string,
  platforms: Platform[] = ["telegram"],
): Promise<ScheduleHarness> {
  const database = await createTestDatabase(kind);
  await migrate(database.url);
  const db = await openDatabase(database.url);
  const clock = new ManualClock(start);
  const planner = createLessonPlanner({
    schedule: createScheduleStore(db),
    clock,
    logger: silentLogger,
  });
  const deliveries = createDeliveryStore(db);
  const accounts = createAccountStore(db);
  const adapters = new Map<Platform, RecordingAdapter>();
  const dispatchers = platforms.map((platform) => {
    const adapter = new RecordingAdapter(platform, clock, { perSecond: 1000 });
    adapters.set(platform, adapter);
    return createDispatcher({
      adapter,
      deliveries,
      accounts,
      clock,
      logger: silentLogger,
      sleep: fakeSleep(clock),
    });
  });
  return {
    database,
    db,
    clock,
    planner,
    adapters,
    dispatchers,
    async tick() {
      await planner.run();
      for (const dispatcher of dispatchers) await dispatcher.drain();
    },
    async close() {
      await db.$disconnect();
      await database.drop();
    },
  };
}
