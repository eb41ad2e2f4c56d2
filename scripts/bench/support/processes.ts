import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** What the fake platform process reports. */
export interface PlatformStats {
  accepted: number;
  tooMany: number;
  firstAt: number | null;
  lastAt: number | null;
  received: Record<string, number>;
}

/**
 * Starts `script` (a path relative to this folder) in a Node process with tsx as a loader.
 * Not through the tsx CLI: it runs the script in a grandchild, which a SIGKILL would miss.
 */
export function spawnScript(script: string, args: string[]): ChildProcess {
  const file = fileURLToPath(new URL(script, import.meta.url));
  return spawn(process.execPath, ["--import", "tsx", file, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
}

/** Resolves with the first line a child prints that parses as JSON. */
export function firstJsonLine<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      try {
        resolve(JSON.parse(line) as T);
        lines.close();
      } catch {
        // Not the JSON line; keep reading.
      }
    });
    child.once("exit", (code) =>
      reject(new Error(`child exited with ${code} before printing JSON`)),
    );
  });
}

/** Starts the fake platform process; returns its URLs and the process. */
export async function startPlatformProcess(perSecond: number, burst: number) {
  const child = spawnScript("./fake-platform-process.ts", [String(perSecond), String(burst)]);
  const urls = await firstJsonLine<{ url: string; statsUrl: string }>(child);
  return { child, ...urls };
}

/** Reads the fake platform's counters. */
export async function readStats(statsUrl: string): Promise<PlatformStats> {
  const response = await fetch(statsUrl);
  return (await response.json()) as PlatformStats;
}

/** Waits for a child to exit. */
export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}
