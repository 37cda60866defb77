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

/** What a resend did. */
export interface ResendResult {
  /** The delivery the admin resent. */
  resent: number;
  /** The delivery that will carry the event: the same row made due, or a new one. */
  id: number;
  event: string;
  /** The row resent was being sent at that moment, so a new delivery was queued beside it. */
  wasInFlight: boolean;
  /** False while the webhook is disabled: the delivery waits until it is enabled again. */
  webhookEnabled: boolean;
}

/**
 * Sends a delivery's event again. A pending row that is not being sent is made due now. A row
 * being sent (leased: the attempt in flight would overwrite a new due time with its own outcome),
 * or a delivered or failed one, is copied into a new pending row with the same event id and body
 * (receivers deduplicate on the id), with a fresh give-up window.
 */
export function resendDelivery(db: Db, input: unknown, options: { actor: string; now?: Date }): ResendResult {
  const { deliveryId } = parseInput(z.object({ deliveryId: webhookIdSchema }), input);
  const now = options.now ?? new Date();
  // IMMEDIATE (lib/db/client.ts): no worker can claim the row between this read and the write.
  return db.transaction((tx) => {
    const original = tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId)).get();
    if (!original) throw new AppError("not_found", `delivery ${deliveryId} does not exist`);
    const webhook = tx.select({ enabled: webhooks.enabled }).from(webhooks).where(eq(webhooks.id, original.webhookId)).get();
    const wasInFlight = original.status === "pending" && original.lockedUntil !== null && original.lockedUntil > now;
    let id = original.id;
    if (original.status === "pending" && !wasInFlight) {
      tx.update(webhookDeliveries).set({ nextAttemptAt: now }).where(eq(webhookDeliveries.id, deliveryId)).run();
    } else {
      const { webhookId, eventId, event, payload } = original;
      id = tx.insert(webhookDeliveries).values({ webhookId, eventId, event, payload, nextAttemptAt: now, createdAt: now }).returning({ id: webhookDeliveries.id }).get().id;
    }
    recordAudit(tx, { actor: options.actor, action: "webhook.resend", target: `webhook:${original.webhookId}`, details: { delivery: deliveryId, queued: id, event: original.event, eventId: original.eventId } });
    return { resent: original.id, id, event: original.event, wasInFlight, webhookEnabled: webhook?.enabled ?? false };
  });
}

/** What the panel tells the admin a resend did. */
export function describeResend(result: ResendResult): string {
  const queued = `Queued ${result.event} again (delivery #${result.id})`;
  if (!result.webhookEnabled) return `${queued}, but its webhook is disabled: it is sent once the webhook is enabled again.`;
  if (result.wasInFlight) return `${queued}; #${result.resent} was being sent at that moment and finishes on its own.`;
  return result.id === result.resent ? `${queued}: it is due now.` : `${queued}.`;
}
