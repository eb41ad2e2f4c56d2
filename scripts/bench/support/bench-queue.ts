import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { NewDelivery } from "../../../core/ports/deliveries.js";
import { type Db, openDatabase } from "../../../prisma/database.js";
import { migrate } from "../../../prisma/migrate.js";
import { createDeliveryStore } from "../../../prisma/store/deliveries.js";

/** A temporary SQLite database holding `count` due deliveries whose texts are m0..m(count-1). */
export async function createBenchQueue(count: number, prefix: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `studyhall-bench-${prefix}-`));
  const url = `file:${path.join(dir, "bench.db")}`;
  await migrate(url);
  const db: Db = await openDatabase(url);
  const store = createDeliveryStore(db);
  const now = new Date();
  for (let start = 0; start < count; start += 1000) {
    const rows: NewDelivery[] = [];
    for (let i = start; i < Math.min(count, start + 1000); i++) {
      rows.push({
        idempotencyKey: `bench:${i}`,
        learnerId: null,
        platform: "telegram",
        target: `chat-${i % 1000}`,
        kind: "lesson",
        courseId: null,
        payload: [{ text: `m${i}` }],
        dueAt: now,
      });
    }
    await store.enqueue(rows);
  }
  return {
    url,
    db,
    store,
    async unsent(): Promise<number> {
      return db.delivery.count({ where: { status: { in: ["pending", "failed", "sending"] } } });
    },
    async close() {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Lost and duplicated message ids among `count` expected, from the platform's counters. */
export function tally(count: number, received: Record<string, number>) {
  let lost = 0;
  let duplicates = 0;
  for (let i = 0; i < count; i++) {
    const times = received[`m${i}`] ?? 0;
    if (times === 0) lost++;
    else duplicates += times - 1;
  }
  return { lost, duplicates, unique: count - lost };
}
