import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseKind, sqlitePath } from "./database.js";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Folder of SQL migrations for each database, written with `prisma migrate diff`. */
export const MIGRATION_DIRS = {
  sqlite: path.join(here, "migrations"),
  postgres: path.join(here, "postgres", "migrations"),
};

/** A migration: folder name and its SQL. */
interface Migration {
  name: string;
  sql: string;
}

function readMigrations(dir: string): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ name, sql: fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8") }));
}

/**
 * Applies every migration not yet applied to the database at `url`, each in its own
 * transaction, and returns the names applied. Running it again applies nothing.
 */
export async function migrate(url: string): Promise<string[]> {
  return databaseKind(url) === "postgres" ? migratePostgres(url) : migrateSqlite(url);
}

function migrateSqlite(url: string): string[] {
  const file = sqlitePath(url);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.exec(
      "CREATE TABLE IF NOT EXISTS _studyhall_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
    );
    const applied = new Set(
      db.prepare("SELECT name FROM _studyhall_migrations").pluck().all() as string[],
    );
    const done: string[] = [];
    for (const migration of readMigrations(MIGRATION_DIRS.sqlite)) {
      if (applied.has(migration.name)) continue;
      // BEGIN IMMEDIATE takes the write lock first, so two processes cannot both apply it.
      db.exec("BEGIN IMMEDIATE");
      try {
        const again = db
          .prepare("SELECT 1 FROM _studyhall_migrations WHERE name = ?")
          .get(migration.name);
        if (!again) {
          db.exec(migration.sql);
          db.prepare("INSERT INTO _studyhall_migrations (name, applied_at) VALUES (?, ?)").run(
            migration.name,
            new Date().toISOString(),
          );
          done.push(migration.name);
        }
        db.exec("COMMIT");
      } catch (error) {
        db.exec("ROLLBACK");
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
    return done;
  } finally {
    db.close();
  }
}

// Any constant works; it only has to be the same in every StudyHall process.
const ADVISORY_LOCK_KEY = 727_274_001;

async function migratePostgres(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    await client.query(
      "CREATE TABLE IF NOT EXISTS _studyhall_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
    );
    const result = await client.query<{ name: string }>("SELECT name FROM _studyhall_migrations");
    const applied = new Set(result.rows.map((row) => row.name));
    const done: string[] = [];
    for (const migration of readMigrations(MIGRATION_DIRS.postgres)) {
      if (applied.has(migration.name)) continue;
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query("INSERT INTO _studyhall_migrations (name) VALUES ($1)", [
          migration.name,
        ]);
        await client.query("COMMIT");
        done.push(migration.name);
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
    return done;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
