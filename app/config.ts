import { z } from "zod";
import { type DeliveryConfig, deliveryEnvShape, readDeliveryConfig } from "./delivery-config.js";

/** Typed start-up configuration, read once from the environment. */
export interface Config {
  databaseUrl: string;
  port: number;
  publicUrl: string;
  logLevel: string;
  /** Import the demo catalog when the database has no course. */
  seedDemo: boolean;
  /** Issuer named on certificates. */
  certificateIssuer: string;
  /** Ed25519 private key (PKCS#8 PEM) for signing certificates; generated under data/ when absent. */
  certificateKeyFile: string;
  telegram?: { token: string; apiRoot?: string; webhookSecret?: string };
  discord?: {
    token: string;
    applicationId?: string;
    publicKey?: string;
    apiBase?: string;
    /** Role id or name allowed to run instructor commands (DISCORD_INSTRUCTOR_ROLE). */
    instructorRole?: string;
    /** Connect to the gateway; false serves interactions only over HTTP (DISCORD_GATEWAY=0). */
    gateway: boolean;
  };
  slack?: {
    botToken: string;
    signingSecret: string;
    appToken?: string;
    apiUrl?: string;
    /** Slack user ids allowed instructor commands besides workspace admins. */
    instructors: string[];
  };
  openai?: { apiKey: string; baseUrl?: string; model: string };
  /** Tutor questions each learner may ask per local day (TUTOR_DAILY_QUESTIONS). */
  tutorDailyQuestions: number;
  /** Scheduled lessons, reminders and the delivery dispatchers (app/delivery-config.ts). */
  delivery: DeliveryConfig;
}

const optional = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const url = (name: string) =>
  optional.refine((value) => value === undefined || URL.canParse(value), {
    message: `${name} must be an absolute URL such as http://127.0.0.1:8081`,
  });

const schema = z.object({
  DATABASE_URL: optional.refine((v) => v === undefined || /^(file:|postgres(ql)?:\/\/)/.test(v), {
    message:
      'DATABASE_URL must be a SQLite file ("file:./data/studyhall.db") or a PostgreSQL URL ("postgresql://user@host:5432/db")',
  }),
  PORT: optional.refine((v) => v === undefined || (/^\d{1,5}$/.test(v) && Number(v) < 65536), {
    message: "PORT must be a whole number from 0 to 65535",
  }),
  PUBLIC_URL: url("PUBLIC_URL"),
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).optional(),
  STUDYHALL_SEED_DEMO: z.enum(["0", "1", "true", "false"]).optional(),
  CERTIFICATE_ISSUER: optional,
  CERTIFICATE_KEY_FILE: optional,
  TELEGRAM_BOT_TOKEN: optional,
  TELEGRAM_API_ROOT: url("TELEGRAM_API_ROOT"),
  TELEGRAM_WEBHOOK_SECRET: optional.refine(
    (v) => v === undefined || /^[A-Za-z0-9_-]{1,256}$/.test(v),
    {
      message: "TELEGRAM_WEBHOOK_SECRET may hold only A-Z, a-z, 0-9, _ and -, 1 to 256 characters",
    },
  ),
  DISCORD_TOKEN: optional,
  DISCORD_APPLICATION_ID: optional,
  DISCORD_PUBLIC_KEY: optional.refine((v) => v === undefined || /^[0-9a-fA-F]{64}$/.test(v), {
    message: "DISCORD_PUBLIC_KEY must be the 64 hex characters shown on the application page",
  }),
  DISCORD_API_BASE: url("DISCORD_API_BASE"),
  DISCORD_INSTRUCTOR_ROLE: optional,
  DISCORD_GATEWAY: z.enum(["0", "1", "true", "false"]).optional(),
  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_API_URL: url("SLACK_API_URL"),
  SLACK_INSTRUCTORS: optional.refine(
    (v) => v === undefined || /^[UW][A-Z0-9]{2,}([\s,]+[UW][A-Z0-9]{2,})*$/.test(v),
    {
      message:
        "SLACK_INSTRUCTORS must list Slack user ids (U0123ABCD) separated by commas or spaces",
    },
  ),
  OPENAI_API_KEY: optional,
  OPENAI_BASE_URL: url("OPENAI_BASE_URL"),
  OPENAI_MODEL: optional,
  TUTOR_DAILY_QUESTIONS: optional.refine(
    (v) => v === undefined || (/^\d{1,4}$/.test(v) && Number(v) >= 1),
    { message: "TUTOR_DAILY_QUESTIONS must be a whole number from 1 to 9999, such as 20" },
  ),
  ...deliveryEnvShape,
});

/** A configuration problem, naming every variable at fault and how to fix it. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Reads the configuration from `env`; throws {@link ConfigError} listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.SLACK_BOT_TOKEN && !e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) {
    problems.push("SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN (Basic Information page)");
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const port = e.PORT === undefined ? 3000 : Number(e.PORT);
  return {
    databaseUrl: e.DATABASE_URL ?? "file:./data/studyhall.db",
    port,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ""),
    logLevel: e.LOG_LEVEL ?? "info",
    seedDemo: e.STUDYHALL_SEED_DEMO === undefined || ["1", "true"].includes(e.STUDYHALL_SEED_DEMO),
    certificateIssuer: e.CERTIFICATE_ISSUER ?? "StudyHall",
    certificateKeyFile: e.CERTIFICATE_KEY_FILE ?? "data/certificate-key.pem",
    telegram: e.TELEGRAM_BOT_TOKEN
      ? {
          token: e.TELEGRAM_BOT_TOKEN,
          apiRoot: e.TELEGRAM_API_ROOT,
          webhookSecret: e.TELEGRAM_WEBHOOK_SECRET,
        }
      : undefined,
    discord: e.DISCORD_TOKEN
      ? {
          token: e.DISCORD_TOKEN,
          applicationId: e.DISCORD_APPLICATION_ID,
          publicKey: e.DISCORD_PUBLIC_KEY,
          apiBase: e.DISCORD_API_BASE,
          instructorRole: e.DISCORD_INSTRUCTOR_ROLE,
          gateway: e.DISCORD_GATEWAY === undefined || ["1", "true"].includes(e.DISCORD_GATEWAY),
        }
      : undefined,
    slack:
      e.SLACK_BOT_TOKEN && (e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN)
        ? {
            botToken: e.SLACK_BOT_TOKEN,
            signingSecret: e.SLACK_SIGNING_SECRET ?? "",
            appToken: e.SLACK_APP_TOKEN,
            apiUrl: e.SLACK_API_URL,
            instructors: e.SLACK_INSTRUCTORS?.split(/[\s,]+/) ?? [],
          }
        : undefined,
    openai: e.OPENAI_API_KEY
      ? {
          apiKey: e.OPENAI_API_KEY,
          baseUrl: e.OPENAI_BASE_URL,
          model: e.OPENAI_MODEL ?? "gpt-4o-mini",
        }
      : undefined,
    tutorDailyQuestions:
      e.TUTOR_DAILY_QUESTIONS === undefined ? 20 : Number(e.TUTOR_DAILY_QUESTIONS),
    delivery: readDeliveryConfig(e),
  };
}
