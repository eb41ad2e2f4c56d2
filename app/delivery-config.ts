import { z } from "zod";
import type { Platform } from "../core/messages.js";

/** Scheduled learning and delivery settings (all optional; defaults from DESIGN.md). */
export interface DeliveryConfig {
  /** Messages per second per platform, overriding the adapter's default (DELIVERY_RATE_<PLATFORM>). */
  rates: Partial<Record<Platform, number>>;
  /** Deliveries in flight per dispatcher (DELIVERY_CONCURRENCY, default 8). */
  concurrency: number;
  /** Claim lease after which a dead process's rows are sent by another (DELIVERY_LEASE_MS, 60000). */
  leaseMs: number;
  /** Attempts before a delivery failing with network errors or 5xx is given up (DELIVERY_MAX_ATTEMPTS, 8). */
  maxAttempts: number;
  /** Days idle before a nudge (REMINDER_IDLE_DAYS, 3). */
  reminderIdleDays: number;
  /** Unanswered nudges after which nudging stops (REMINDER_MAX_NUDGES, 3). */
  reminderMaxNudges: number;
  /** Local time from which the streak-at-risk reminder goes out (STREAK_REMINDER_TIME, 20:00), in minutes. */
  streakReminderMinute: number;
  /** Run the lesson and reminder planners in this process (SCHEDULER_ENABLED, default on). */
  schedulerEnabled: boolean;
}

const optional = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const whole = (name: string, min: number, max: number, example: number) =>
  optional.refine(
    (v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= min && Number(v) <= max),
    { message: `${name} must be a whole number from ${min} to ${max}, such as ${example}` },
  );

const rate = (name: string, example: number) =>
  optional.refine((v) => v === undefined || (/^\d+(\.\d+)?$/.test(v) && Number(v) > 0), {
    message: `${name} must be a positive number of messages per second, such as ${example}`,
  });

/** The environment variables of {@link DeliveryConfig}, merged into the config schema. */
export const deliveryEnvShape = {
  DELIVERY_RATE_WEB: rate("DELIVERY_RATE_WEB", 200),
  DELIVERY_RATE_TELEGRAM: rate("DELIVERY_RATE_TELEGRAM", 30),
  DELIVERY_RATE_DISCORD: rate("DELIVERY_RATE_DISCORD", 50),
  DELIVERY_RATE_SLACK: rate("DELIVERY_RATE_SLACK", 1),
  DELIVERY_CONCURRENCY: whole("DELIVERY_CONCURRENCY", 1, 256, 8),
  DELIVERY_LEASE_MS: whole("DELIVERY_LEASE_MS", 1000, 3_600_000, 60000),
  DELIVERY_MAX_ATTEMPTS: whole("DELIVERY_MAX_ATTEMPTS", 1, 100, 8),
  REMINDER_IDLE_DAYS: whole("REMINDER_IDLE_DAYS", 1, 365, 3),
  REMINDER_MAX_NUDGES: whole("REMINDER_MAX_NUDGES", 0, 100, 3),
  STREAK_REMINDER_TIME: optional.refine(
    (v) => v === undefined || /^([01]?\d|2[0-3]):[0-5]\d$/.test(v),
    { message: "STREAK_REMINDER_TIME must be a local time from 0:00 to 23:59, such as 20:00" },
  ),
  SCHEDULER_ENABLED: z.enum(["0", "1", "true", "false"]).optional(),
};

type DeliveryEnv = { [K in keyof typeof deliveryEnvShape]?: string };

/** Reads {@link DeliveryConfig} from the parsed environment, with the defaults. */
export function readDeliveryConfig(e: DeliveryEnv): DeliveryConfig {
  const number = (value: string | undefined, fallback: number) =>
    value === undefined ? fallback : Number(value);
  const rates: Partial<Record<Platform, number>> = {};
  if (e.DELIVERY_RATE_WEB) rates.web = Number(e.DELIVERY_RATE_WEB);
  if (e.DELIVERY_RATE_TELEGRAM) rates.telegram = Number(e.DELIVERY_RATE_TELEGRAM);
  if (e.DELIVERY_RATE_DISCORD) rates.discord = Number(e.DELIVERY_RATE_DISCORD);
  if (e.DELIVERY_RATE_SLACK) rates.slack = Number(e.DELIVERY_RATE_SLACK);
  const [hours = "20", minutes = "00"] = (e.STREAK_REMINDER_TIME ?? "20:00").split(":");
  return {
    rates,
    concurrency: number(e.DELIVERY_CONCURRENCY, 8),
    leaseMs: number(e.DELIVERY_LEASE_MS, 60_000),
    maxAttempts: number(e.DELIVERY_MAX_ATTEMPTS, 8),
    reminderIdleDays: number(e.REMINDER_IDLE_DAYS, 3),
    reminderMaxNudges: number(e.REMINDER_MAX_NUDGES, 3),
    streakReminderMinute: Number(hours) * 60 + Number(minutes),
    schedulerEnabled:
      e.SCHEDULER_ENABLED === undefined || ["1", "true"].includes(e.SCHEDULER_ENABLED),
  };
}
