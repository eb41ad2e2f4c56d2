import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { newId } from "../../core/ids.js";

/** A database made for one test file, dropped by `drop()`. */
export interface TestDatabase {
  kind: "sqlite" | "postgres";
  url: string;
  drop(): Promise<void>;
}

/** The PostgreSQL server to test against, from TEST_DATABASE_URL; undefined skips those tests. */
export const POSTGRES_ADMIN_URL = process.env.TEST_DATABASE_URL || undefined;

/** The database kinds this run tests the core against: SQLite always, PostgreSQL when configured. */
export const DATABASE_KINDS: Array<"sqlite" | "postgres"> = POSTGRES_ADMIN_URL
  ? ["sqlite", "postgres"]
  : ["sqlite"];

if (!POSTGRES_ADMIN_URL && !process.env.STUDYHALL_SKIP_NOTICE_SHOWN) {
  process.env.STUDYHALL_SKIP_NOTICE_SHOWN = "1";
  console.warn("TEST_DATABASE_URL is not set: PostgreSQL variants of the store tests are skipped.");
}

/** Creates an empty database of `kind` (a temporary SQLite file or a new PostgreSQL database). */
export async function createTestDatabase(kind: "sqlite" | "postgres"): Promise<TestDatabase> {
  if (kind === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studyhall-test-"));
    return {
      kind,
      url: `file:${path.join(dir, "test.db")}`,
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (!POSTGRES_ADMIN_URL) throw new Error("TEST_DATABASE_URL is not set");
  const name = `studyhall_test_${newId(10).toLowerCase()}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
