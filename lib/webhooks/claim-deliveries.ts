import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { webhookDeliveries, webhooks } from "@/lib/db/schema";

/** A delivery this worker holds the lease on, with what it needs to send it. */
export interface ClaimedDelivery {
  id: number;
  webhookId: number;
  eventId: string;
  event: string;
  payload: string;
  attempts: number;
  createdAt: Date;
  /** Time its webhook was disabled since it was queued, not counted against the give-up window. */
  pausedMs: number;
  /** The lease this claim set: the outcome is written only while the row still carries it. */
  lease: Date;
  url: string;
  secret: string;
}

/** Longer than a send can take, so a lease only lapses when its worker died. */
export const LEASE_MS = 60_000;
/** Sends one worker keeps in flight to one webhook, so a receiver that hangs holds only these. */
export const PER_WEBHOOK = 4;

export interface ClaimOptions {
  now: Date;
  /** At most this many rows in all (the worker's free slots). */
  limit: number;
  /** At most this many sends in flight per webhook, counting `busy`. */
  perWebhook?: number;
  /** Sends this worker already has in flight, by webhook id. */
  busy?: ReadonlyMap<number, number>;
  leaseMs?: number;
}

/** Due and not leased, at `at` (ms), for the table or alias `row`. */
function dueSql(row: string, at: number) {
  const table = sql.raw(row);
  return sql`${table}.status = 'pending' AND ${table}.next_attempt_at <= ${at} AND (${table}.locked_until IS NULL OR ${table}.locked_until <= ${at})`;
}

/**
 * The rows to claim, in the order to take them: each enabled webhook's oldest due rows up to its
 * free slots, round-robin (every webhook's first, then every webhook's second ...). The per-webhook
 * LIMIT (webhook_deliveries_webhook_due_idx) keeps the work proportional to webhooks ×
 * perWebhook, however long a dead receiver's backlog grows; CROSS JOIN makes SQLite loop over
 * the webhooks first.
 */
function candidateIds(db: Db, at: number, limit: number, perWebhook: number, busy: ReadonlyMap<number, number>): number[] {
  const rows = db.all<{ id: number }>(sql`
    WITH busy AS (SELECT CAST(key AS INTEGER) AS webhook_id, value AS n FROM json_each(${JSON.stringify(Object.fromEntries(busy))})),
    candidates AS (
      SELECT d.id, d.webhook_id, d.next_attempt_at
      FROM webhooks w CROSS JOIN webhook_deliveries d
      WHERE w.enabled = 1 AND d.id IN (
        SELECT x.id FROM webhook_deliveries x
        WHERE x.webhook_id = w.id AND ${dueSql("x", at)}
        ORDER BY x.next_attempt_at, x.id LIMIT ${perWebhook}
      )
    ),
    ranked AS (
      SELECT c.id, c.next_attempt_at,
        row_number() OVER (PARTITION BY c.webhook_id ORDER BY c.next_attempt_at, c.id) + coalesce(b.n, 0) AS slot
      FROM candidates c LEFT JOIN busy b ON b.webhook_id = c.webhook_id
    )
    SELECT id FROM ranked WHERE slot <= ${perWebhook} ORDER BY slot, next_attempt_at, id LIMIT ${limit}`);
  return rows.map((row) => row.id);
}

/**
 * Claims due deliveries of enabled webhooks, at most `perWebhook` in flight per webhook and taken
 * round-robin, so one dead receiver's overdue retries cannot fill the claim ahead of other
 * webhooks' fresh events.
 *
 * It reads the candidates first: in WAL mode a read takes no lock, so a poll with nothing due
 * never waits for another process's write transaction. Then one conditional UPDATE sets the
 * lease on those still due: SQLite runs it atomically, so two workers (or two instances on one
 * file) never hold the same row (a row taken in between is skipped), and a row whose worker
 * crashed becomes due again when its lease lapses.
 */
export function claimDueDeliveries(db: Db, options: ClaimOptions): ClaimedDelivery[] {
  const at = options.now.getTime();
  if (options.limit <= 0) return [];
  const ids = candidateIds(db, at, options.limit, options.perWebhook ?? PER_WEBHOOK, options.busy ?? new Map());
  if (ids.length === 0) return [];
  const lease = new Date(at + (options.leaseMs ?? LEASE_MS));
  const enabledIds = db.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.enabled, true));
  const claimed = db
    .update(webhookDeliveries)
    .set({ lockedUntil: lease })
    .where(and(inArray(webhookDeliveries.id, ids), dueSql("webhook_deliveries", at), inArray(webhookDeliveries.webhookId, enabledIds)))
    .returning()
    .all();
  if (claimed.length === 0) return [];
  const targets = new Map(
    db
      .select({ id: webhooks.id, url: webhooks.url, secret: webhooks.secret })
      .from(webhooks)
      .where(inArray(webhooks.id, [...new Set(claimed.map((row) => row.webhookId))]))
      .all()
      .map((row) => [row.id, row]),
  );
  return claimed.flatMap((row) => {
    const target = targets.get(row.webhookId);
    if (!target) return [];
    const { id, webhookId, eventId, event, payload, attempts, createdAt, pausedMs } = row;
    return [{ id, webhookId, eventId, event, payload, attempts, createdAt, pausedMs, lease, url: target.url, secret: target.secret }];
  });
}
