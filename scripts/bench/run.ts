import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * `npm run bench [name...]`: runs every benchmark in scripts/bench (each `*.ts` file here but
 * this one; helpers live in support/), one after another, and prints each one's last JSON
 * line. Exits 1 when a benchmark fails or prints no JSON.
 */
const here = path.dirname(fileURLToPath(import.meta.url));

function lastJsonLine(output: string): string | null {
  const lines = output.split("\n").map((line) => line.trim());
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (!line.startsWith("{")) continue;
    try {
      JSON.parse(line);
      return line;
    } catch {
      // Not JSON after all; keep looking.
    }
  }
  return null;
}

function runOne(file: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(here, file)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.on("exit", (code) => resolve({ code, output }));
  });
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const files = fs
    .readdirSync(here)
    .filter((file) => file.endsWith(".ts") && file !== "run.ts")
    .filter((file) => wanted.length === 0 || wanted.includes(file.replace(/\.ts$/, "")))
    .sort();
  let failed = false;
  for (const file of files) {
    const { code, output } = await runOne(file);
    const line = lastJsonLine(output);
    if (code !== 0 || !line) {
      failed = true;
      console.log(
        JSON.stringify({
          bench: file.replace(/\.ts$/, ""),
          error: `exit ${code}`,
          output: output.slice(-500),
        }),
      );
      continue;
    }
    console.log(line);
  }
  process.exitCode = failed ? 1 : 0;
}

await main();
