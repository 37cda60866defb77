import "server-only";
import { and, eq, inArray, lt } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { webhookDeliveries } from "@/lib/db/schema";
import { log } from "@/lib/log";
import { claimDueDeliveries, recordAttempt, sendDelivery, SEND_TIMEOUT_MS, type ClaimedDelivery } from "./deliver";

/** Delivered and failed rows are kept this long for the delivery log, then pruned. */
export const DELIVERY_RETENTION_MS = 30 * 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 60 * 60_000;
const BATCH = 20;
const MAX_ROUNDS = 10;

export interface WebhookWorker {
  /** One pass now: claim due deliveries and send them; returns how many were attempted. */
  runOnce: () => Promise<number>;
  /** Stops polling and waits for the pass in flight. */
  stop: () => Promise<void>;
  /**
   * Synchronously gives back the leases of sends still in flight, for a process that is exiting:
   * the next process sends them at once instead of waiting for the lease to lapse.
   */
  releaseClaims: () => void;
}

export interface WebhookWorkerOptions {
  retryBaseMs: number;
  pollMs?: number;
  timeoutMs?: number;
  now?: () => Date;
}

/** Removes finished deliveries older than DELIVERY_RETENTION_MS; pending ones are never pruned. */
export function pruneDeliveries(db: Db, now: Date): number {
  return db
    .delete(webhookDeliveries)
    .where(and(inArray(webhookDeliveries.status, ["delivered", "failed"]), lt(webhookDeliveries.createdAt, new Date(now.getTime() - DELIVERY_RETENTION_MS))))
    .run().changes;
}

/**
 * Sends queued webhook deliveries: every `pollMs` it claims the due rows (lib/webhooks/deliver)
 * and POSTs them concurrently. The queue is the database, so a restart resumes where it stopped.
 */
export function startWebhookWorker(db: Db, options: WebhookWorkerOptions): WebhookWorker {
  const now = options.now ?? (() => new Date());
  let running: Promise<number> | undefined;
  let prunedAt = 0;
  let stopped = false;
  const inFlight = new Map<number, ClaimedDelivery>();

  async function pass(): Promise<number> {
    if (now().getTime() - prunedAt >= PRUNE_EVERY_MS) {
      prunedAt = now().getTime();
      const pruned = pruneDeliveries(db, now());
      if (pruned > 0) log.info("pruned old webhook deliveries", { rows: pruned });
    }
    let attempted = 0;
    // A full batch means more may be due (a backlog after an outage): go on, up to a bound per pass.
    for (let round = 0; round < MAX_ROUNDS && !stopped; round += 1) {
      const claimed = claimDueDeliveries(db, { now: now(), limit: BATCH });
      await Promise.all(claimed.map(attempt));
      attempted += claimed.length;
      if (claimed.length < BATCH) break;
    }
    return attempted;
  }

  async function attempt(delivery: ClaimedDelivery): Promise<void> {
    inFlight.set(delivery.id, delivery);
    const result = await sendDelivery(delivery, options.timeoutMs ?? SEND_TIMEOUT_MS).finally(() => inFlight.delete(delivery.id));
    const outcome = recordAttempt(db, delivery, result, { now: now(), retryBaseMs: options.retryBaseMs });
    if (outcome === "failed") log.warn("webhook delivery given up", { delivery: delivery.id, event: delivery.event, error: result.error });
  }

  const runOnce = () => {
    running ??= pass()
      .catch((error: unknown) => {
        // A busy database: the rows stay queued and the next pass tries again.
        log.error("webhook delivery pass failed", { error: error instanceof Error ? error.message : String(error) });
        return 0;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => void runOnce(), options.pollMs ?? 1000);
  timer.unref();
  return {
    runOnce,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
    releaseClaims: () => {
      for (const delivery of inFlight.values()) {
        db.update(webhookDeliveries)
          .set({ lockedUntil: null })
          .where(and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.lockedUntil, delivery.lease)))
          .run();
      }
      inFlight.clear();
    },
  };
}
