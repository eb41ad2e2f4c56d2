import cron, { type ScheduledTask } from "node-cron";
import type { PlatformAdapter } from "../core/adapter.js";
import type { Clock } from "../core/clock.js";
import { createDispatcher, type Dispatcher } from "../core/delivery/dispatcher.js";
import type { Logger } from "../core/logger.js";
import type { AccountStore } from "../core/ports/accounts.js";
import { createLessonPlanner } from "../core/schedule/plan-lessons.js";
import { createReminderPlanner } from "../core/schedule/plan-reminders.js";
import type { Db } from "../prisma/database.js";
import { createDeliveryStore } from "../prisma/store/deliveries.js";
import { createReminderStore, createScheduleStore } from "../prisma/store/schedule.js";
import type { DeliveryConfig } from "./delivery-config.js";

/** The scheduled-learning jobs of one process: planners on a cron tick, one dispatcher per adapter. */
export interface Scheduling {
  /** Plans lessons and reminders due now (what the cron tick runs). */
  tick(): Promise<void>;
  /** Runs a catch-up tick, schedules the minute tick and starts the dispatchers. */
  start(): void;
  /** Stops the tick and the dispatchers, letting sends in flight finish. */
  stop(): Promise<void>;
}

/** Another planning job run on the same tick (group sessions, event reminders). */
export interface PlanningJob {
  name: string;
  /** Writes the deliveries due at `now`; a second run at the same time writes nothing new. */
  run(now: Date): Promise<unknown>;
}

/** Dependencies of {@link createScheduling}. */
export interface SchedulingDeps {
  db: Db;
  accounts: AccountStore;
  adapters: readonly PlatformAdapter[];
  clock: Clock;
  logger: Logger;
  config: DeliveryConfig;
  /** Planning jobs of other features, run after lessons and reminders on every tick. */
  jobs?: PlanningJob[];
}

/** Wires the lesson planner, the reminder planner and the dispatchers for `adapters`. */
export function createScheduling(deps: SchedulingDeps): Scheduling {
  const { config, clock } = deps;
  const logger = deps.logger.child({ component: "scheduling" });
  const deliveries = createDeliveryStore(deps.db);
  const lessons = createLessonPlanner({ schedule: createScheduleStore(deps.db), clock, logger });
  const reminders = createReminderPlanner({
    reminders: createReminderStore(deps.db),
    deliveries,
    clock,
    logger,
    policy: {
      idleDays: config.reminderIdleDays,
      maxUnansweredNudges: config.reminderMaxNudges,
      streakMinute: config.streakReminderMinute,
    },
  });
  const dispatchers: Dispatcher[] = deps.adapters.map((adapter) =>
    createDispatcher({
      adapter,
      deliveries,
      accounts: deps.accounts,
      clock,
      logger,
      perSecond: config.rates[adapter.platform],
      concurrency: config.concurrency,
      leaseMs: config.leaseMs,
      maxAttempts: config.maxAttempts,
    }),
  );

  let running: Promise<void> | undefined;
  let task: ScheduledTask | undefined;

  const jobs: PlanningJob[] = [
    { name: "lessons", run: () => lessons.run() },
    { name: "reminders", run: () => reminders.run() },
    ...(deps.jobs ?? []),
  ];

  async function plan() {
    // One failing job must not starve the others; each retries on the next tick.
    for (const job of jobs) {
      try {
        await job.run(clock.now());
      } catch (error) {
        logger.error(
          { err: error, job: job.name },
          "scheduled planning failed; the next tick retries",
        );
      }
    }
  }

  function tick(): Promise<void> {
    // A tick still running (a slow database) is not overlapped; the next one catches up.
    running ??= plan().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    tick,
    start() {
      for (const dispatcher of dispatchers) dispatcher.start();
      if (!config.schedulerEnabled) return;
      void tick();
      task = cron.schedule("* * * * *", () => tick());
    },
    async stop() {
      await task?.stop();
      await running;
      await Promise.all(dispatchers.map((dispatcher) => dispatcher.stop()));
    },
  };
}
