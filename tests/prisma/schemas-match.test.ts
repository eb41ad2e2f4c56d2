import fs from "node:fs";
import { describe, expect, it } from "vitest";

const read = (file: string) => fs.readFileSync(file, "utf8");

/** Removes the parts that may differ between the two schemas: the datasource and the client output. */
function modelsOnly(schema: string): string {
  return schema
    .replace(/datasource db \{[^}]*\}/, "")
    .replace(/^\s*output\s*=.*$/m, "")
    .trim();
}

describe("prisma schemas", () => {
  it("hold the same models for SQLite and PostgreSQL", () => {
    const sqlite = read("prisma/schema.prisma");
    const postgres = read("prisma/postgres/schema.prisma");

    expect(modelsOnly(postgres)).toBe(modelsOnly(sqlite));
    expect(sqlite).toContain('provider = "sqlite"');
    expect(postgres).toContain('provider = "postgresql"');
    expect(sqlite.match(/^model \w+/gm)?.length).toBeGreaterThan(30);
  });

  it("have a migration for each database whose tables match the models", () => {
    const sqliteSql = fs
      .readdirSync("prisma/migrations")
      .filter((name) => !name.endsWith(".toml"))
      .map((name) => read(`prisma/migrations/${name}/migration.sql`))
      .join("\n");
    const postgresSql = fs
      .readdirSync("prisma/postgres/migrations")
      .map((name) => read(`prisma/postgres/migrations/${name}/migration.sql`))
      .join("\n");
    const models = read("prisma/schema.prisma")
      .match(/^model (\w+)/gm)!
      .map((m) => m.slice(6));

    for (const model of models) {
      expect(sqliteSql).toContain(`CREATE TABLE "${model}"`);
      expect(postgresSql).toContain(`CREATE TABLE "${model}"`);
    }
  });
});
