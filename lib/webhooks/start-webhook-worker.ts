import "server-only";
import { and, eq, inArray, lt } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { webhookDeliveries } from "@/lib/db/schema";
import { log } from "@/lib/log";
import { claimDueDeliveries, PER_WEBHOOK, type ClaimedDelivery } from "./claim-deliveries";
import { recordAttempt, sendDelivery, SEND_TIMEOUT_MS } from "./deliver";

/** Delivered and failed rows are kept this long for the delivery log, then pruned. */
export const DELIVERY_RETENTION_MS = 30 * 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 60 * 60_000;
/** Sends one process keeps in flight; PER_WEBHOOK of them at most to any one webhook. */
const POOL_SIZE = 20;

export interface WebhookWorker {
  /**
   * Fills the pool now and waits until it is empty again (refills included); returns how many
   * sends were started meanwhile.
   */
  runOnce: () => Promise<number>;
  /** Stops polling and waits for the sends in flight. */
  stop: () => Promise<void>;
  /**
   * Synchronously gives back the leases of sends still in flight, for a process that is exiting:
   * the next process sends them at once instead of waiting for the lease to lapse. Claims no more.
   */
  releaseClaims: () => void;
}

export interface WebhookWorkerOptions {
  retryBaseMs: number;
  pollMs?: number;
  timeoutMs?: number;
  now?: () => Date;
}

/** Rows deleted per statement by the prune. */
export const PRUNE_BATCH = 500;

/**
 * Removes finished deliveries older than DELIVERY_RETENTION_MS (pending ones are never pruned)
 * in statements of at most `batchSize` rows, yielding between them: one big DELETE would hold
 * the write lock, and this process's event loop, for as long as the whole backlog takes.
 */
export async function pruneDeliveries(db: Db, now: Date, batchSize: number = PRUNE_BATCH): Promise<number> {
  const old = and(inArray(webhookDeliveries.status, ["delivered", "failed"]), lt(webhookDeliveries.createdAt, new Date(now.getTime() - DELIVERY_RETENTION_MS)));
  let pruned = 0;
  for (;;) {
    // A read first (webhook_deliveries_status_created_idx): no write lock when nothing is old.
    const ids = db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(old).limit(batchSize).all().map((row) => row.id);
    if (ids.length > 0) pruned += db.delete(webhookDeliveries).where(and(inArray(webhookDeliveries.id, ids), old)).run().changes;
    if (ids.length < batchSize) return pruned;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Sends queued webhook deliveries from a pool of POOL_SIZE concurrent sends: every `pollMs`, and
 * whenever a send finishes, it claims due rows for the free slots (lib/webhooks/claim-deliveries).
 * A receiver that hangs holds at most PER_WEBHOOK slots until its sends time out, while the other
 * slots keep serving the other webhooks. The queue is the database, so a restart resumes.
 */
export function startWebhookWorker(db: Db, options: WebhookWorkerOptions): WebhookWorker {
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? SEND_TIMEOUT_MS;
  const inFlight = new Map<number, ClaimedDelivery>();
  const drained: Array<() => void> = [];
  let started = 0;
  let prunedAt = 0;
  let stopped = false;

  function busyByWebhook(): Map<number, number> {
    const busy = new Map<number, number>();
    for (const delivery of inFlight.values()) busy.set(delivery.webhookId, (busy.get(delivery.webhookId) ?? 0) + 1);
    return busy;
  }

  /** Claims due rows for the free slots and starts their sends. */
  function fill(): void {
    const free = POOL_SIZE - inFlight.size;
    if (stopped || free <= 0) return;
    let claimed: ClaimedDelivery[];
    try {
      claimed = claimDueDeliveries(db, { now: now(), limit: free, perWebhook: PER_WEBHOOK, busy: busyByWebhook() });
    } catch (error) {
      // A busy database: the rows stay queued and the next poll tries again.
      log.error("webhook delivery claim failed", { error: message(error) });
      return;
    }
    for (const delivery of claimed) void send(delivery);
  }

  async function send(delivery: ClaimedDelivery): Promise<void> {
    inFlight.set(delivery.id, delivery);
    started += 1;
    const result = await sendDelivery(delivery, timeoutMs);
    try {
      const outcome = recordAttempt(db, delivery, result, { now: now(), retryBaseMs: options.retryBaseMs });
      if (outcome === "failed") log.warn("webhook delivery given up", { delivery: delivery.id, event: delivery.event, error: result.error });
    } catch (error) {
      // The lease lapses and the row is sent again.
      log.error("webhook delivery outcome not recorded", { delivery: delivery.id, error: message(error) });
    }
    inFlight.delete(delivery.id);
    // Refill the slot on the next turn of the event loop: sends that fail without I/O must not
    // chain claims through microtasks and starve the requests the process also serves.
    setImmediate(() => {
      fill();
      if (inFlight.size === 0) for (const resolve of drained.splice(0)) resolve();
    });
  }

  let pruning: Promise<void> | undefined;
  function prune(): void {
    if (pruning || now().getTime() - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = now().getTime();
    pruning = pruneDeliveries(db, now())
      .then((pruned) => {
        if (pruned > 0) log.info("pruned old webhook deliveries", { rows: pruned });
      })
      .catch((error: unknown) => log.error("webhook delivery prune failed", { error: message(error) }))
      .finally(() => {
        pruning = undefined;
      });
  }

  function tick(): void {
    prune();
    fill();
  }

  const idle = () => (inFlight.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => drained.push(resolve)));
  const timer = setInterval(tick, options.pollMs ?? 1000);
  timer.unref();
  return {
    runOnce: async () => {
      const before = started;
      tick();
      await Promise.all([idle(), pruning]);
      return started - before;
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await Promise.all([idle(), pruning]);
    },
    releaseClaims: () => {
      stopped = true;
      for (const delivery of inFlight.values()) {
        db.update(webhookDeliveries)
          .set({ lockedUntil: null })
          .where(and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.lockedUntil, delivery.lease)))
          .run();
      }
    },
  };
}
