import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadCertificateSigner } from "../../app/certificate-key.js";
import { createStudyHall, type StudyHall } from "../../app/compose.js";
import { loadConfig } from "../../app/config.js";
import { canonicalCertificateJson } from "../../core/learning/certificate-signature.js";
import { silentLogger } from "../../core/logger.js";
import { createTestDatabase } from "../support/databases.js";

/** A StudyHall on a temporary SQLite database, listening on a free port of 127.0.0.1. */
export interface WebTestApp {
  hall: StudyHall;
  base: string;
  dir: string;
  close(): Promise<void>;
}

/** Starts StudyHall on a new database of `kind`, with no demo catalog and a key of its own. */
export async function startWebTestApp(kind: "sqlite" | "postgres" = "sqlite"): Promise<WebTestApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studyhall-web-"));
  const database = await createTestDatabase(kind);
  const config = loadConfig({
    DATABASE_URL: database.url,
    PORT: "0",
    STUDYHALL_SEED_DEMO: "0",
    CERTIFICATE_KEY_FILE: path.join(dir, "certificate-key.pem"),
    LOG_LEVEL: "silent",
  });
  const hall = await createStudyHall(config, { logger: silentLogger });
  const { port } = await hall.start();
  return {
    hall,
    base: `http://127.0.0.1:${port}`,
    dir,
    async close() {
      await hall.stop();
      await database.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Inserts a published course with two modules, three lessons and the given reviews. */
export async function insertCourse(
  app: WebTestApp,
  course: { id: string; slug: string; title: string; summary?: string; topics?: string[] },
  extra: { attribution?: string; license?: string; sourceUrl?: string } = {},
): Promise<void> {
  await app.hall.db.course.create({
    data: {
      id: course.id,
      slug: course.slug,
      title: course.title,
      summary: course.summary ?? "Query real data with SELECT, WHERE and GROUP BY.",
      description: "Learn **SQL** by doing.\n\n- Filter rows\n- Group and count",
      level: "beginner",
      language: "en",
      topics: JSON.stringify(course.topics ?? ["sql", "data analysis"]),
      instructorName: "Ada Lovelace",
      estimatedMinutes: 95,
      completionRule: JSON.stringify({ lessons: "all", quizPassPercent: 70 }),
      contentHash: "hash-1",
      ...extra,
      modules: {
        create: [
          { id: `${course.id}-m1`, key: "m1", position: 1, title: "Getting started" },
          { id: `${course.id}-m2`, key: "m2", position: 2, title: "Summaries" },
        ],
      },
    },
  });
  const lessons = [
    ["l1", "m1", "Your first SELECT", ["Read rows from a table"]],
    ["l2", "m1", "Filtering with WHERE", ["Keep only matching rows", "Combine conditions"]],
    ["l3", "m2", "GROUP BY and COUNT", ["Count rows per group"]],
  ] as const;
  for (const [index, [key, module, title, objectives]] of lessons.entries()) {
    await app.hall.db.lesson.create({
      data: {
        id: `${course.id}-${key}`,
        courseId: course.id,
        moduleId: `${course.id}-${module}`,
        key,
        position: index + 1,
        title,
        objectives: JSON.stringify(objectives),
        estimatedMinutes: 10,
        parts: { create: [{ id: `${course.id}-${key}-p1`, position: 0, body: `${title}.` }] },
      },
    });
  }
}

/** Inserts a learner with a web account whose chat id is `user`. */
export async function insertWebLearner(app: WebTestApp, id: string, name: string, user: string) {
  await app.hall.db.learner.create({
    data: {
      id,
      displayName: name,
      accounts: {
        create: { id: `${id}-web`, platform: "web", externalId: user, chatId: user },
      },
    },
  });
}

/** Issues a certificate signed with the app's own key, as the learning core does. */
export async function insertCertificate(
  app: WebTestApp,
  certificate: { id: string; learnerId: string; courseId: string; learnerName: string },
): Promise<void> {
  const course = await app.hall.db.course.findUniqueOrThrow({
    where: { id: certificate.courseId },
  });
  const issuedAt = new Date("2026-12-03T10:00:00Z");
  const claims = {
    id: certificate.id,
    learnerName: certificate.learnerName,
    courseTitle: course.title,
    courseSlug: course.slug,
    issuer: app.hall.config.certificateIssuer,
    issuedAt,
  };
  const signer = loadCertificateSigner(app.hall.config.certificateKeyFile);
  await app.hall.db.certificate.create({
    data: {
      ...certificate,
      courseTitle: course.title,
      issuer: claims.issuer,
      issuedAt,
      signature: signer.sign(canonicalCertificateJson(claims)),
    },
  });
}
