import "server-only";
import { and, count, desc, eq, getTableColumns, inArray, type SQL } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { webhookDeliveries, webhooks, type DeliveryStatus } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { webhookIdSchema, type DeliveryQuery } from "./schema";

export const DELIVERY_PAGE_SIZE = 25;

/** One row of the delivery log, with its webhook's URL. */
export type DeliveryRow = Omit<typeof webhookDeliveries.$inferSelect, "payload"> & { url: string };

/** A page of the delivery log, newest first, filtered by status and webhook. */
export function listDeliveries(db: Db, query: DeliveryQuery, pageSize: number = DELIVERY_PAGE_SIZE): { rows: DeliveryRow[]; hasNext: boolean } {
  const conditions: SQL[] = [];
  if (query.status) conditions.push(eq(webhookDeliveries.status, query.status));
  if (query.webhookId) conditions.push(eq(webhookDeliveries.webhookId, query.webhookId));
  // The log shows no bodies: leave the payload column out of the page's query.
  const { payload, ...columns } = getTableColumns(webhookDeliveries);
  void payload;
  const rows = db
    .select({ ...columns, url: webhooks.url })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(and(...conditions))
    .orderBy(desc(webhookDeliveries.id))
    .limit(pageSize + 1)
    .offset((query.page - 1) * pageSize)
    .all();
  return { rows: rows.slice(0, pageSize), hasNext: rows.length > pageSize };
}

/** Deliveries still queued and those given up on (within retention), from the status index. */
export function countUnfinishedDeliveries(db: Db): Record<Exclude<DeliveryStatus, "delivered">, number> {
  const rows = db
    .select({ status: webhookDeliveries.status, count: count() })
    .from(webhookDeliveries)
    .where(inArray(webhookDeliveries.status, ["pending", "failed"]))
    .groupBy(webhookDeliveries.status)
    .all();
  const counts = { pending: 0, failed: 0 };
  for (const row of rows) if (row.status !== "delivered") counts[row.status] = row.count;
  return counts;
}

/**
 * Sends a delivery's event again: a pending one is made due now; a delivered or failed one is
 * copied into a new pending row with the same event id and body (receivers deduplicate on the id).
 */
export function resendDelivery(db: Db, input: unknown, options: { actor: string; now?: Date }) {
  const { deliveryId } = parseInput(z.object({ deliveryId: webhookIdSchema }), input);
  const now = options.now ?? new Date();
  return db.transaction((tx) => {
    const original = tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId)).get();
    if (!original) throw new AppError("not_found", `delivery ${deliveryId} does not exist`);
    let id = original.id;
    if (original.status === "pending") {
      tx.update(webhookDeliveries).set({ nextAttemptAt: now }).where(eq(webhookDeliveries.id, deliveryId)).run();
    } else {
      const { webhookId, eventId, event, payload } = original;
      id = tx.insert(webhookDeliveries).values({ webhookId, eventId, event, payload, nextAttemptAt: now, createdAt: now }).returning({ id: webhookDeliveries.id }).get().id;
    }
    recordAudit(tx, { actor: options.actor, action: "webhook.resend", target: `webhook:${original.webhookId}`, details: { delivery: deliveryId, queued: id, event: original.event, eventId: original.eventId } });
    return { id, event: original.event };
  });
}
