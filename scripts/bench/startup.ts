import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * `startup`: launches the main job as `npm start` does, on a fresh SQLite database (so the
 * first start migrates and imports the demo catalog), measures the time to a healthy /healthz
 * and the resident memory after 5 s idle, then a second start on the same database.
 * Targets (DESIGN.md): healthy within 3 s, under 200 MB resident idle.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studyhall-bench-startup-"));

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function residentKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

async function startOnce(): Promise<{ healthyMs: number; idleRssMb: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: `file:${path.join(dir, "studyhall.db")}`,
      CERTIFICATE_KEY_FILE: path.join(dir, "key.pem"),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    for (;;) {
      if (performance.now() - started > 30_000) throw new Error("not healthy within 30 s");
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await sleep(20);
    }
    const healthyMs = Math.round(performance.now() - started);
    await sleep(5_000);
    return { healthyMs, idleRssMb: Math.round(residentKb(child.pid!) / 1024) };
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}

const first = await startOnce();
const second = await startOnce();
fs.rmSync(dir, { recursive: true, force: true });
const met =
  Math.max(first.healthyMs, second.healthyMs) < 3000 &&
  Math.max(first.idleRssMb, second.idleRssMb) < 200;
console.log(
  JSON.stringify({
    bench: "startup",
    firstStart: first,
    secondStart: second,
    target: { healthyMs: 3000, idleRssMb: 200 },
    met,
  }),
);
