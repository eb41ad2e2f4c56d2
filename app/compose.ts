import type { Server } from "node:http";
import { fileURLToPath } from "node:url";
import type { Express, Router } from "express";
import { createWebAdapter } from "../bots/web/adapter.js";
import { accountLinkFeature } from "../core/account-link/link-feature.js";
import type { PlatformAdapter } from "../core/adapter.js";
import { announceFeature } from "../core/announcements/announce-feature.js";
import { createAnnouncementService } from "../core/announcements/announcement-service.js";
import { seedDemoCatalog } from "../core/catalog/import-courses.js";
import { type Clock, systemClock } from "../core/clock.js";
import { planEventReminders } from "../core/community/event-reminders.js";
import { groupQuizFeature, planGroupQuizzes } from "../core/community/group-quiz.js";
import type { Feature } from "../core/conversation/command.js";
import { type ConversationHandler, createConversation } from "../core/conversation/router.js";
import { helpFeature } from "../core/features/help.js";
import { createLearningDeps } from "../core/learning/learning-deps.js";
import { learningFeatures } from "../core/learning/learning-features.js";
import type { Logger } from "../core/logger.js";
import { settingsFeature } from "../core/settings/settings-feature.js";
import { tutorFeature } from "../core/tutor/tutor-feature.js";
import { type Db, openDatabase, tuneDatabase } from "../prisma/database.js";
import { migrate } from "../prisma/migrate.js";
import { createAccountLinkStore } from "../prisma/store/account-link.js";
import { createAccountStore, createUpdateLog } from "../prisma/store/accounts.js";
import { createAnnouncementStore } from "../prisma/store/announcements.js";
import { createCatalogStore } from "../prisma/store/catalog.js";
import { createCertificateStore } from "../prisma/store/certificates.js";
import { createEventStore, learnerTimeZones } from "../prisma/store/community.js";
import { createCourseImportStore } from "../prisma/store/course-import.js";
import { createDeliveryStore } from "../prisma/store/deliveries.js";
import { createGroupQuizStore } from "../prisma/store/group-quiz.js";
import { createLearningStore } from "../prisma/store/learning.js";
import { createSettingsStore } from "../prisma/store/settings.js";
import { createTutorUsageStore } from "../prisma/store/tutor-usage.js";
import { createWebInboxStore } from "../prisma/store/web-inbox.js";
import { createWebPageStore } from "../prisma/store/web-pages.js";
import { certificatePageRoutes } from "../web/routes/certificate-pages.js";
import { chatApiRoutes } from "../web/routes/chat-api.js";
import { chatPageRoutes } from "../web/routes/chat-page.js";
import { chatStreamRoutes } from "../web/routes/chat-stream.js";
import { coursePageRoutes } from "../web/routes/course-pages.js";
import { healthRoutes } from "../web/routes/health.js";
import { homeRoutes } from "../web/routes/home.js";
import { createWebApp } from "../web/server.js";
import { loadCertificateSigner } from "./certificate-key.js";
import { communityFeatures } from "./compose-community.js";
import { addPlatformAdapters, createTutor } from "./compose-platforms.js";
import { createScheduling } from "./compose-schedule.js";
import type { Config } from "./config.js";
import { VERSION } from "./version.js";

/** The demo catalog imported into an empty database on first start. */
const DEMO_CATALOG_DIR = fileURLToPath(new URL("../courses", import.meta.url));

/** Options for {@link createStudyHall}; tests pass a fake clock and a silent logger. */
export interface ComposeOptions {
  clock?: Clock;
  logger: Logger;
  /** Slack receiver settings for tests: answer after processing, no Web API retries. */
  slack?: { processBeforeResponse?: boolean; retries?: number };
}

/** A composed StudyHall process: database, conversation, web app and platform adapters. */
export interface StudyHall {
  config: Config;
  db: Db;
  conversation: ConversationHandler;
  web: Express;
  /** The platform adapters configured (web chat always, others when their tokens are set). */
  adapters: PlatformAdapter[];
  /** Listens on `config.port` (0 picks a free port) and starts the platform adapters. */
  start(): Promise<{ port: number }>;
  /** Stops adapters and the server and closes the database. */
  stop(): Promise<void>;
}

/**
 * The composition root: migrates the database, wires stores, features and routes.
 * Nothing else in the code base creates long-lived dependencies.
 */
export async function createStudyHall(config: Config, options: ComposeOptions): Promise<StudyHall> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger;

  await migrate(config.databaseUrl);
  const db = await openDatabase(config.databaseUrl);
  await tuneDatabase(db, config.databaseUrl);
  if (config.seedDemo) {
    await seedDemoCatalog(createCourseImportStore(db), DEMO_CATALOG_DIR, logger);
  }

  const accounts = createAccountStore(db);
  const signer = loadCertificateSigner(config.certificateKeyFile);
  const learning = createLearningDeps({
    catalog: createCatalogStore(db),
    learning: createLearningStore(db),
    certificates: createCertificateStore(db),
    signer,
    accounts,
    publicUrl: config.publicUrl,
    issuer: config.certificateIssuer,
  });
  const features: Feature[] = [...learningFeatures(learning)];
  features.push(...communityFeatures(db, learning.catalog, features));
  // Each study group's daily session (lesson, quiz, leaderboard), planned on the schedule tick.
  const groupQuiz = {
    store: createGroupQuizStore(db),
    course: (courseId: string) => learning.courses.course(courseId),
  };
  features.push(groupQuizFeature(groupQuiz));
  // `/settings`: time zone, lesson time and pace of the scheduled lessons.
  features.push(
    settingsFeature({
      settings: createSettingsStore(db),
      forgetLearner: (learnerId) => accounts.forget(learnerId),
    }),
  );
  // `/announce` for course instructors in a chat; the announcement goes out as Delivery rows.
  features.push(
    announceFeature({
      announcements: createAnnouncementService({ store: createAnnouncementStore(db), clock }),
      accounts,
    }),
  );
  features.push(
    accountLinkFeature({
      store: createAccountLinkStore(db),
      accounts,
      forgetLearner: (learnerId) => accounts.forget(learnerId),
    }),
    tutorFeature({
      learning: learning.learning,
      courses: learning.courses,
      accounts,
      usage: createTutorUsageStore(db),
      // Without OPENAI_API_KEY, /ask explains how to enable the tutor instead.
      tutor: config.openai ? await createTutor(config.openai) : undefined,
      dailyQuestions: config.tutorDailyQuestions,
    }),
  );
  const conversation = createConversation({
    accounts,
    updates: createUpdateLog(db),
    clock,
    logger,
    features: [...features, helpFeature(() => conversation.commands())],
  });

  // Platform adapters add themselves here when their tokens are configured; the webhook
  // routes they serve go into `routers`, mounted on the same Express server.
  const adapters: PlatformAdapter[] = [];
  const routers: Router[] = [
    healthRoutes({
      version: VERSION,
      pingDatabase: async () => void (await db.$queryRaw`SELECT 1`),
    }),
    chatApiRoutes(conversation),
  ];

  // The web chat needs no token: its adapter is always there, and its pages share the server.
  const webInbox = createWebInboxStore(db);
  const webAdapter = createWebAdapter({ inbox: webInbox, clock, logger });
  adapters.push(webAdapter);
  const webPages = createWebPageStore(db);
  routers.push(
    homeRoutes(),
    chatPageRoutes(),
    chatStreamRoutes({ adapter: webAdapter, inbox: webInbox, logger }),
    coursePageRoutes({ pages: webPages, clock, logger }),
    certificatePageRoutes({
      pages: webPages,
      publicKeyPem: signer.publicKeyPem,
      publicUrl: config.publicUrl,
    }),
  );

  // Platforms whose tokens are set; each SDK is loaded only when its platform is configured.
  await addPlatformAdapters(
    { config, options, db, conversation, accounts, learning, clock, logger },
    adapters,
    routers,
  );

  const web = createWebApp(routers, logger);
  const eventReminders = {
    events: createEventStore(db),
    accounts,
    deliveries: createDeliveryStore(db),
    timeZoneOf: learnerTimeZones(db),
  };
  // Lessons and reminders planned every minute (and once at start-up to catch up), sent by one
  // dispatcher per adapter at its rate limit.
  const scheduling = createScheduling({
    db,
    accounts,
    adapters,
    clock,
    logger,
    config: config.delivery,
    jobs: [
      { name: "group-quiz", run: (now) => planGroupQuizzes(groupQuiz, now) },
      { name: "event-reminders", run: (now) => planEventReminders(eventReminders, now) },
    ],
  });

  let server: Server | undefined;
  return {
    config,
    db,
    conversation,
    web,
    adapters,
    async start() {
      server = await new Promise<Server>((resolve, reject) => {
        // Express 5 hands listen errors (EADDRINUSE) to this callback, not to an "error" event.
        const listening = web.listen(config.port, (error?: Error) =>
          error ? reject(listenError(error, config.port)) : resolve(listening),
        );
      });
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : config.port;
      for (const adapter of adapters) {
        await adapter.start();
        logger.info({ platform: adapter.platform }, "adapter started");
      }
      scheduling.start();
      logger.info({ port, url: config.publicUrl }, "StudyHall is listening");
      return { port };
    },
    async stop() {
      await scheduling.stop();
      for (const adapter of adapters) await adapter.stop();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server?.closeAllConnections();
      await db.$disconnect();
    },
  };
}

/** A listen failure with the fix in its message ("port in use": set PORT). */
function listenError(error: Error & { code?: string }, port: number): Error {
  if (error.code === "EADDRINUSE") {
    return new Error(
      `PORT ${port} is already in use: stop the other process or set PORT to a free port`,
      {
        cause: error,
      },
    );
  }
  return error;
}
