import "server-only";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { AuditEntry, DbOrTx } from "@/lib/audit/record-audit";
import { users, webhookDeliveries, webhooks, type WebhookEvent } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { presentUser } from "@/lib/users/present-user";
import { userEventsForAudit } from "./audit-events";

/** The JSON body every delivery carries (docs/webhooks.md, Payload). */
export interface WebhookPayload {
  id: string;
  event: WebhookEvent;
  createdAt: string;
  data: Record<string, unknown>;
}

interface Subscriber {
  id: number;
  events: WebhookEvent[];
}

/** Enabled webhooks: the table holds a handful of rows, so one query per event costs nothing. */
function enabledWebhooks(db: DbOrTx): Subscriber[] {
  return db.select({ id: webhooks.id, events: webhooks.events }).from(webhooks).where(eq(webhooks.enabled, true)).all();
}

function queue(db: DbOrTx, targets: Subscriber[], event: WebhookEvent, data: Record<string, unknown>, now: Date): string {
  const payload: WebhookPayload = { id: randomUUID(), event, createdAt: now.toISOString(), data };
  const body = JSON.stringify(payload);
  db.insert(webhookDeliveries)
    .values(targets.map((webhook) => ({ webhookId: webhook.id, eventId: payload.id, event, payload: body, nextAttemptAt: now, createdAt: now })))
    .run();
  return payload.id;
}

/**
 * Queues `event` for every enabled webhook subscribed to it, in the caller's transaction (the
 * outbox: the event exists exactly when the change does). `data` is built only when someone
 * listens. Returns the event id, or null when no webhook wants it.
 */
export function enqueueWebhookEvent(db: DbOrTx, event: WebhookEvent, data: () => Record<string, unknown>, now: Date = new Date()): string | null {
  const targets = enabledWebhooks(db).filter((webhook) => webhook.events.includes(event));
  return targets.length === 0 ? null : queue(db, targets, event, data(), now);
}

/** Where subscription URLs in payloads point: a background job has no request to take a host from. */
function payloadBaseUrl(): string {
  const env = getEnv();
  return env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
}

/**
 * The webhook side of an audit entry: user actions become user events (one per user for bulk
 * entries), each carrying the user as the API shows it, read inside the same transaction.
 * Everything else (webhook.*, host.*, admin.* ...) is ignored.
 */
export function enqueueAuditEvents(db: DbOrTx, entry: AuditEntry, now: Date = new Date()): void {
  const refs = userEventsForAudit(entry);
  if (refs.length === 0) return;
  const subscribers = enabledWebhooks(db);
  if (subscribers.length === 0) return;
  for (const ref of refs) {
    const targets = subscribers.filter((webhook) => webhook.events.includes(ref.event));
    if (targets.length === 0) continue;
    const row = ref.event === "user.deleted" ? undefined : db.select().from(users).where(eq(users.id, ref.userId)).get();
    const user = row ? presentUser(row, payloadBaseUrl(), now) : { id: ref.userId, username: ref.username ?? null };
    queue(db, targets, ref.event, { user, actor: entry.actor, action: entry.action }, now);
  }
}
