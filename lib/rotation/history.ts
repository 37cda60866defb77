import "server-only";
import { and, eq, or } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { hosts, rotationHistory } from "@/lib/db/schema";
import { enqueueRotationCompleted } from "@/lib/webhooks/rotation-events";
import type { HostRotationState } from "./state";

/**
 * Writes the history row of the rotation that produced `state`, once: idempotent on
 * (host, epoch), so the rotator, every instance's watch and the reconcile pass may all call it.
 * Returns true when the row was new, and then queues its `rotation.completed` webhook event in
 * the same transaction. A host unknown to this database is skipped.
 */
export function recordRotation(db: Db, state: HostRotationState): boolean {
  // IMMEDIATE takes the write lock before the read: a deferred transaction that reads and then
  // writes fails with SQLITE_BUSY_SNAPSHOT (which busy_timeout cannot wait out) when another
  // process writes in between, and every instance writes these rows as rotations arrive.
  return db.transaction((tx) => {
    if (!tx.select({ id: hosts.id }).from(hosts).where(eq(hosts.id, state.hostId)).get()) return false;
    const inserted = tx
      .insert(rotationHistory)
      .values({
        hostId: state.hostId,
        epoch: state.epoch,
        fromPath: state.lastRotation.fromPath,
        toPath: state.path,
        at: new Date(state.rotatedAt),
        reason: state.lastRotation.reason,
        actor: state.lastRotation.actor,
      })
      .onConflictDoNothing()
      .returning({ id: rotationHistory.id })
      .all();
    // Only the writer of the row announces it: one rotation.completed per (host, epoch).
    if (inserted.length > 0) enqueueRotationCompleted(tx, state);
    return inserted.length > 0;
  }, { behavior: "immediate" });
}

/** Restores rows a process lost by dying between its store commit and its history insert. */
export function reconcileHistory(db: Db, states: Iterable<HostRotationState>): number {
  let restored = 0;
  for (const state of states) if (recordRotation(db, state)) restored += 1;
  return restored;
}

/** Whether the host ever served `path` (history keeps every path, long after the state forgot it). */
export function historyHasPath(db: Db, hostId: number, path: string): boolean {
  const row = db
    .select({ id: rotationHistory.id })
    .from(rotationHistory)
    .where(and(eq(rotationHistory.hostId, hostId), or(eq(rotationHistory.toPath, path), eq(rotationHistory.fromPath, path))))
    .limit(1)
    .get();
  return row !== undefined;
}
