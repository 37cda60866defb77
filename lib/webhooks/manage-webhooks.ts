import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { webhookDeliveries, webhooks } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { createWebhookSchema, setWebhookEnabledSchema, updateWebhookSchema, webhookIdSchema } from "./schema";
import { generateWebhookSecret } from "./signature";

export type Webhook = typeof webhooks.$inferSelect;

/**
 * A webhook URL as the audit log shows it: the origin only. Viewers read the audit log, and a
 * receiver's path or query often carries its own secret (chat and automation services do that).
 */
export function auditedUrl(url: string): string {
  return new URL(url).origin;
}

/** Adds a webhook with a fresh signing secret (returned; the owner may show it again later). */
export function createWebhook(db: Db, input: unknown, options: { actor: string }): Webhook {
  const fields = parseInput(createWebhookSchema, input);
  return db.transaction((tx) => {
    const created = tx
      .insert(webhooks)
      .values({ ...fields, secret: generateWebhookSecret() })
      .returning()
      .get();
    recordAudit(tx, { actor: options.actor, action: "webhook.create", target: `webhook:${created.id}`, details: { url: auditedUrl(created.url), events: created.events } });
    return created;
  });
}

/** Changes a webhook's URL, events and description; returns which of them changed (audited with old and new values). */
export function updateWebhook(db: Db, input: unknown, options: { actor: string; now?: Date }): { webhook: Webhook; changed: string[] } {
  const { webhookId, ...fields } = parseInput(updateWebhookSchema, input);
  return db.transaction((tx) => {
    const current = mustExist(tx.select().from(webhooks).where(eq(webhooks.id, webhookId)).get(), webhookId);
    const changes = Object.fromEntries(
      (["url", "events", "description"] as const)
        .filter((field) => JSON.stringify(current[field]) !== JSON.stringify(fields[field]))
        .map((field) => [field, field === "url" ? { from: auditedUrl(current.url), to: auditedUrl(fields.url) } : { from: current[field], to: fields[field] }]),
    );
    const changed = Object.keys(changes);
    if (changed.length === 0) return { webhook: current, changed };
    const webhook = tx.update(webhooks).set({ ...fields, updatedAt: options.now ?? new Date() }).where(eq(webhooks.id, webhookId)).returning().get()!;
    recordAudit(tx, { actor: options.actor, action: "webhook.update", target: `webhook:${webhookId}`, details: { url: auditedUrl(webhook.url), changes } });
    return { webhook, changed };
  });
}

/** One webhook, or not_found. */
export function getWebhook(db: Db, input: unknown): Webhook {
  const { webhookId } = parseInput(z.object({ webhookId: webhookIdSchema }), input);
  return mustExist(db.select().from(webhooks).where(eq(webhooks.id, webhookId)).get(), webhookId);
}

/** Every webhook, oldest first. */
export function listWebhooks(db: Db): Webhook[] {
  return db.select().from(webhooks).orderBy(asc(webhooks.id)).all();
}

function mustExist<T>(row: T | undefined, id: number): T {
  if (!row) throw new AppError("not_found", `webhook ${id} does not exist`);
  return row;
}

/**
 * Pauses or resumes a webhook: while disabled no events are queued for it and its queued ones
 * wait. On resuming, the pause is credited to each waiting delivery (`pausedMs`), so the 24-hour
 * give-up window counts only time the webhook was enabled.
 */
export function setWebhookEnabled(db: Db, input: unknown, options: { actor: string; now?: Date }): Webhook {
  const { webhookId, enabled } = parseInput(setWebhookEnabledSchema, input);
  const now = options.now ?? new Date();
  return db.transaction((tx) => {
    const current = mustExist(tx.select().from(webhooks).where(eq(webhooks.id, webhookId)).get(), webhookId);
    if (enabled && current.disabledAt) {
      // A delivery queued during the pause (a resend) waited only since it was queued.
      const pausedSince = sql`max(${webhookDeliveries.createdAt}, ${current.disabledAt.getTime()})`;
      tx.update(webhookDeliveries)
        .set({ pausedMs: sql`${webhookDeliveries.pausedMs} + max(0, ${now.getTime()} - ${pausedSince})` })
        .where(and(eq(webhookDeliveries.webhookId, webhookId), eq(webhookDeliveries.status, "pending")))
        .run();
    }
    // Disabling twice keeps the first start of the pause.
    const disabledAt = enabled ? null : (current.disabledAt ?? now);
    const updated = tx.update(webhooks).set({ enabled, disabledAt, updatedAt: now }).where(eq(webhooks.id, webhookId)).returning().get()!;
    recordAudit(tx, { actor: options.actor, action: "webhook.update", target: `webhook:${webhookId}`, details: { url: auditedUrl(updated.url), enabled } });
    return updated;
  });
}

/** Replaces the signing secret; queued deliveries are signed with the new one when sent. */
export function regenerateWebhookSecret(db: Db, input: unknown, options: { actor: string; now?: Date }): Webhook {
  const { webhookId } = parseInput(z.object({ webhookId: webhookIdSchema }), input);
  return db.transaction((tx) => {
    const updated = mustExist(
      tx.update(webhooks).set({ secret: generateWebhookSecret(), updatedAt: options.now ?? new Date() }).where(eq(webhooks.id, webhookId)).returning().get(),
      webhookId,
    );
    recordAudit(tx, { actor: options.actor, action: "webhook.update", target: `webhook:${webhookId}`, details: { url: auditedUrl(updated.url), secret: "regenerated" } });
    return updated;
  });
}

/** Deletes a webhook and, by the foreign key's cascade, its deliveries. */
export function deleteWebhook(db: Db, input: unknown, options: { actor: string }): Webhook {
  const { webhookId } = parseInput(z.object({ webhookId: webhookIdSchema }), input);
  return db.transaction((tx) => {
    const deleted = mustExist(tx.delete(webhooks).where(eq(webhooks.id, webhookId)).returning().get(), webhookId);
    recordAudit(tx, { actor: options.actor, action: "webhook.delete", target: `webhook:${webhookId}`, details: { url: auditedUrl(deleted.url) } });
    return deleted;
  });
}
