import { newId } from "../../core/ids.js";
import type { Platform } from "../../core/messages.js";
import type { ClaimedDelivery, DeliveryStore, NewDelivery } from "../../core/ports/deliveries.js";
import { Prisma } from "../../generated/sqlite/client.js";
import type { Db } from "../database.js";
import { isUniqueViolation } from "./accounts.js";

/** The Delivery row data for a new delivery. */
export function deliveryRow(row: NewDelivery) {
  return {
    id: newId(),
    idempotencyKey: row.idempotencyKey,
    learnerId: row.learnerId,
    platform: row.platform,
    target: row.target,
    kind: row.kind,
    courseId: row.courseId,
    payload: JSON.stringify(row.payload),
    dueAt: row.dueAt,
    nextAttemptAt: row.dueAt,
  };
}

const claimedSelect = {
  id: true,
  platform: true,
  target: true,
  kind: true,
  learnerId: true,
  payload: true,
  attempts: true,
} as const;

/** A claimable row as read by the claim query. */
type ClaimedRow = Omit<ClaimedDelivery, "platform"> & { platform: string };

/** Statuses a dispatcher still has to send. */
const UNSENT = ["pending", "failed"];

/** {@link DeliveryStore} on Prisma; works the same on SQLite and PostgreSQL. */
export function createDeliveryStore(db: Db): DeliveryStore {
  return {
    async enqueue(rows) {
      if (rows.length === 0) return 0;
      try {
        const result = await db.delivery.createMany({ data: rows.map(deliveryRow) });
        return result.count;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      // Some keys exist: insert one by one so that the new ones still go in.
      let inserted = 0;
      for (const row of rows) {
        try {
          await db.delivery.create({ data: deliveryRow(row) });
          inserted++;
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
        }
      }
      return inserted;
    },

    async claim({ platform, claimToken, limit, now, leaseMs }) {
      const expired = new Date(now.getTime() - leaseMs);
      // One simple condition per query, so each is an ordered walk of the
      // (platform, status, nextAttemptAt) index that stops after `limit` rows.
      const sources = [
        Prisma.sql`"status" = 'pending' AND "nextAttemptAt" <= ${now}`,
        Prisma.sql`"status" = 'failed' AND "nextAttemptAt" <= ${now}`,
        Prisma.sql`"status" = 'sending' AND "claimedAt" < ${expired}`,
      ];
      const candidates: ClaimedRow[] = [];
      for (const condition of sources) {
        if (candidates.length >= limit) break;
        const rows = await db.$queryRaw<ClaimedRow[]>`
          SELECT "id", "platform", "target", "kind", "learnerId", "payload", "attempts"
          FROM "Delivery" WHERE "platform" = ${platform} AND ${condition}
          ORDER BY "nextAttemptAt" LIMIT ${limit - candidates.length}`;
        candidates.push(...rows);
      }
      if (candidates.length === 0) return [];
      // Raw SQL on the hot path: the same statement on SQLite and PostgreSQL, without the
      // per-call query planning of the client. The condition is checked again, so a row another
      // dispatcher took in between is not taken twice.
      const ids = Prisma.join(candidates.map((row) => row.id));
      const claimed = await db.$executeRaw`
        UPDATE "Delivery"
        SET "status" = 'sending', "claimedBy" = ${claimToken}, "claimedAt" = ${now},
            "attempts" = "attempts" + 1
        WHERE "id" IN (${ids}) AND "platform" = ${platform}
          AND (("status" IN ('pending', 'failed') AND "nextAttemptAt" <= ${now})
            OR ("status" = 'sending' AND "claimedAt" < ${expired}))`;
      if (claimed === 0) return [];
      let rows = candidates.map((row) => ({ ...row, attempts: Number(row.attempts) + 1 }));
      if (claimed < candidates.length) {
        rows = await db.delivery.findMany({
          where: { claimedBy: claimToken, status: "sending" },
          orderBy: { nextAttemptAt: "asc" },
          select: claimedSelect,
        });
      }
      return rows.map((row) => ({ ...row, platform: row.platform as Platform }));
    },

    async markSent(ids, at) {
      if (ids.length === 0) return;
      await db.$executeRaw`
        UPDATE "Delivery" SET "status" = 'sent', "sentAt" = ${at}
        WHERE "id" IN (${Prisma.join(ids)})`;
    },

    async retryLater(id, at, error, countAttempt) {
      await db.delivery.update({
        where: { id },
        data: {
          status: countAttempt ? "failed" : "pending",
          nextAttemptAt: at,
          lastError: error.slice(0, 500),
          claimedBy: null,
          claimedAt: null,
          ...(countAttempt ? {} : { attempts: { decrement: 1 } }),
        },
      });
    },

    async markDead(id, error) {
      await db.delivery.update({
        where: { id },
        data: { status: "dead", lastError: error.slice(0, 500) },
      });
    },

    async skipTarget(platform, target, reason) {
      const result = await db.delivery.updateMany({
        where: { platform, target, status: { in: [...UNSENT, "sending"] } },
        data: { status: "skipped", lastError: reason.slice(0, 500) },
      });
      return result.count;
    },

    async accountForTarget(platform, target) {
      const account = await db.account.findFirst({
        where: { platform, chatId: target },
        select: { id: true },
      });
      return account?.id ?? null;
    },

    async counts(kind) {
      const groups = await db.delivery.groupBy({
        by: ["status"],
        where: kind ? { kind } : {},
        _count: { _all: true },
      });
      return Object.fromEntries(groups.map((group) => [group.status, group._count._all]));
    },
  };
}
