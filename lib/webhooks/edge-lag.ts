import "server-only";
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { edgeNodes } from "@/lib/db/schema";
import { listEdgeNodes } from "@/lib/edge/edge-nodes";
import { edgeStatuses } from "@/lib/edge/edge-status";
import { log } from "@/lib/log";
import { enqueueWebhookEvent } from "./enqueue";

/** An edge behind the current revision this long is lagging; a healthy agent catches up in seconds. */
export const EDGE_LAG_AFTER_MS = 60_000;
export const EDGE_LAG_CHECK_MS = 10_000;

/**
 * Watches live edges against this instance's rotation revision. An edge seen `behind` for longer
 * than EDGE_LAG_AFTER_MS gets one `edge.lagging` per episode: the instance whose conditional
 * UPDATE sets `lagReportedAt` first queues it; catching up clears the mark for the next episode.
 * Silent edges are left alone (the dashboard shows them; they are down, not lagging).
 */
export function edgeLagChecker(db: Db, options: { lagAfterMs?: number } = {}) {
  const behindSince = new Map<number, number>();
  return (currentRevision: string, now: Date = new Date()): number => {
    let sent = 0;
    const edges = listEdgeNodes(db);
    const reported = new Set(edges.filter((edge) => edge.lagReportedAt !== null).map((edge) => edge.id));
    const statuses = edgeStatuses(edges, currentRevision, now);
    const live = new Set(statuses.map((status) => status.id));
    for (const id of behindSince.keys()) if (!live.has(id)) behindSince.delete(id);
    for (const status of statuses) {
      if (status.health === "current") {
        behindSince.delete(status.id);
        // Written only when there is a mark to clear: no write (and no write lock) every pass.
        if (reported.has(status.id)) db.update(edgeNodes).set({ lagReportedAt: null }).where(and(eq(edgeNodes.id, status.id), isNotNull(edgeNodes.lagReportedAt))).run();
        continue;
      }
      if (status.health !== "behind") continue;
      const since = behindSince.get(status.id) ?? now.getTime();
      behindSince.set(status.id, since);
      if (reported.has(status.id) || now.getTime() - since < (options.lagAfterMs ?? EDGE_LAG_AFTER_MS)) continue;
      const claimed = db.transaction((tx) => {
        const marked = tx
          .update(edgeNodes)
          .set({ lagReportedAt: now })
          .where(and(eq(edgeNodes.id, status.id), isNull(edgeNodes.lagReportedAt)))
          .returning({ id: edgeNodes.id })
          .all();
        if (marked.length === 0) return false;
        enqueueWebhookEvent(
          tx,
          "edge.lagging",
          () => ({
            edgeId: status.id,
            name: status.name,
            appliedRevision: status.appliedRevision,
            currentRevision,
            behindSince: new Date(since).toISOString(),
            lastSeenAt: status.lastSeenAt?.toISOString() ?? null,
          }),
          now,
        );
        return true;
      });
      if (claimed) {
        sent += 1;
        log.warn("edge is lagging behind the rotation revision", { edge: status.name, applied: status.appliedRevision, current: currentRevision });
      }
    }
    return sent;
  };
}

export interface EdgeLagJob {
  stop: () => void;
}

/** Runs the checker every EDGE_LAG_CHECK_MS against the revision `currentRevision()` reads. */
export function startEdgeLagJob(db: Db, currentRevision: () => string, options: { intervalMs?: number } = {}): EdgeLagJob {
  const check = edgeLagChecker(db);
  const timer = setInterval(() => {
    try {
      check(currentRevision());
    } catch (error) {
      log.error("edge lag check failed", { error: error instanceof Error ? error.message : String(error) });
    }
  }, options.intervalMs ?? EDGE_LAG_CHECK_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
