import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient as SqliteClient } from "../generated/sqlite/client.js";

/**
 * The Prisma client type store code is written against. Both generated clients hold the same
 * models (tests/prisma/schemas-match.test.ts), so the PostgreSQL client is used through it too.
 */
export type Db = SqliteClient;

/** Which database a URL names. */
export type DatabaseKind = "sqlite" | "postgres";

/** Tells SQLite URLs (`file:...`) from PostgreSQL ones (`postgres://`, `postgresql://`). */
export function databaseKind(url: string): DatabaseKind {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgres";
  throw new Error(
    `DATABASE_URL must start with "file:" (SQLite) or "postgresql://" (PostgreSQL); got "${url.split(":")[0]}:..."`,
  );
}

/** The file path of a SQLite URL, relative to the working directory. */
export function sqlitePath(url: string): string {
  return url.slice("file:".length).split("?")[0]!;
}

/**
 * Opens a Prisma client on `url` through the matching driver adapter. The PostgreSQL client
 * and driver are loaded only when asked for, so a SQLite process does not carry them.
 */
export async function openDatabase(url: string): Promise<Db> {
  if (databaseKind(url) === "postgres") {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const { PrismaClient: PgClient } = await import("../generated/postgres/client.js");
    const client = new PgClient({ adapter: new PrismaPg({ connectionString: url }) });
    return client as unknown as Db;
  }
  const file = sqlitePath(url);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return new SqliteClient({ adapter: new PrismaBetterSQLite3({ url }) });
}

/**
 * Per-connection settings applied after opening. On SQLite (already in WAL mode from the
 * migrations) `synchronous = NORMAL` keeps commits durable across process crashes and only
 * risks the last transactions on a power loss, for several times the write rate.
 */
export async function tuneDatabase(db: Db, url: string): Promise<void> {
  if (databaseKind(url) !== "sqlite") return;
  await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
}
