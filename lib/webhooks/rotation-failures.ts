import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { NotLeaderError } from "@/lib/rotation/rotator";
import { enqueueWebhookEvent } from "./enqueue";

/** Refusals that say "not now" or "no such host" rather than "the rotation broke". */
const NOT_FAILURES = new Set(["too_soon", "not_found", "invalid_request", "unprocessable"]);
/** At most one `rotation.failed` per host in this window: the scheduler retries every second. */
export const ROTATION_FAILED_EVERY_MS = 15 * 60_000;

export interface RotationAttempt {
  hostId: number;
  reason: string;
  actor: string;
}

/**
 * A RotationDeps.onRotateError hook that queues `rotation.failed` for real failures (store
 * unavailable, too many conflicts, unexpected errors), once per host per ROTATION_FAILED_EVERY_MS
 * in this process, so a store outage is one event, not one a second.
 */
export function rotationFailureReporter(db: Db, options: { now?: () => Date; everyMs?: number } = {}) {
  const now = options.now ?? (() => new Date());
  const reportedAt = new Map<number, number>();
  return (error: unknown, attempt: RotationAttempt | undefined): void => {
    if (!attempt) return;
    if (error instanceof AppError && NOT_FAILURES.has(error.code)) return;
    if (error instanceof NotLeaderError) return;
    const at = now();
    const last = reportedAt.get(attempt.hostId);
    if (last !== undefined && at.getTime() - last < (options.everyMs ?? ROTATION_FAILED_EVERY_MS)) return;
    reportedAt.set(attempt.hostId, at.getTime());
    const code = error instanceof AppError ? error.code : "internal";
    const message = error instanceof Error ? error.message : String(error);
    try {
      db.transaction((tx) => enqueueWebhookEvent(tx, "rotation.failed", () => ({ hostId: attempt.hostId, reason: attempt.reason, actor: attempt.actor, at: at.toISOString(), error: { code, message } }), at));
    } catch (enqueueError) {
      log.error("could not queue rotation.failed", { hostId: attempt.hostId, error: enqueueError instanceof Error ? enqueueError.message : String(enqueueError) });
    }
  };
}
