import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createStudyHall, type StudyHall } from "../../app/compose.js";
import { ConfigError, loadConfig } from "../../app/config.js";
import { silentLogger } from "../../core/logger.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studyhall-startup-"));

function configFor(name: string) {
  return {
    ...loadConfig({ STUDYHALL_SEED_DEMO: "0", SCHEDULER_ENABLED: "0" }),
    databaseUrl: `file:${path.join(dir, `${name}.db`)}`,
    certificateKeyFile: path.join(dir, "key.pem"),
    port: 0,
  };
}

describe("start-up", () => {
  const started: StudyHall[] = [];
  afterAll(async () => {
    for (const app of started) await app.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a DATABASE_URL of an unsupported database, naming the variable", () => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: "mysql://x" });
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems[0]).toContain("DATABASE_URL must be a SQLite file");
  });

  it("fails with the fix when the port is taken, instead of claiming to listen", async () => {
    const first = await createStudyHall(configFor("first"), { logger: silentLogger });
    started.push(first);
    const { port } = await first.start();
    const second = await createStudyHall(
      { ...configFor("second"), port },
      { logger: silentLogger },
    );

    await expect(second.start()).rejects.toThrow(`PORT ${port} is already in use`);
    await second.stop();
  });

  it("answers 400, not 500, to a malformed %-escape in a page address", async () => {
    const server = started[0]!.web.listen(0);
    await new Promise((resolve) => server.once("listening", resolve));
    const { port } = server.address() as { port: number };

    const course = await fetch(`http://127.0.0.1:${port}/courses/%ZZ`);
    const certificate = await fetch(`http://127.0.0.1:${port}/certificates/%ZZ`);
    server.close();

    expect(course.status).toBe(400);
    expect(certificate.status).toBe(400);
    expect(await certificate.text()).toContain("invalid % escape");
  });
});
