import "server-only";
import type { Db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { pruneUsageReports } from "@/lib/usage/record-usage";
import { resetDueTraffic } from "@/lib/usage/reset-traffic";
import { expireUsers } from "./expire-users";

export const EXPIRY_INTERVAL_MS = 30_000;

/** Resets per batch: ~0.1 s of the server's thread each; more batches follow at once, between requests. */
export const RESET_BATCH = 2_000;

export interface ExpiryJob {
  /** One pass now; returns how many users it expired (0 when it failed, which is logged). */
  runOnce: () => number;
  stop: () => void;
}

/** Runs one pass of a job step; a failure (a locked or busy database) is logged and the next tick retries. */
function attempt<T>(what: string, run: () => T, fallback: T): T {
  try {
    return run();
  } catch (error) {
    log.error(`${what} failed`, { error: error instanceof Error ? error.message : String(error) });
    return fallback;
  }
}

/**
 * Runs the users' scheduled work at start and every `intervalMs`: expireUsers (/sub already
 * refuses a lapsed user by its effective status; this makes the stored status say so too, for
 * filters, edges and the API), the traffic resets whose period has begun (resetDueTraffic), and
 * the pruning of old usage report ids.
 */
export function startExpiryJob(db: Db, options: { intervalMs?: number; now?: () => Date } = {}): ExpiryJob {
  const now = options.now ?? (() => new Date());
  let stopped = false;
  const resetBatch = () => {
    const pass = attempt("traffic reset pass", () => resetDueTraffic(db, now(), { limit: RESET_BATCH }), { reset: [], renewed: 0 });
    if (pass.reset.length + pass.renewed > 0) log.info("reset traffic of users whose period began", { users: pass.reset.length, idleUsersRenewed: pass.renewed });
    // A full batch means more are due: go on after the requests waiting now.
    if (pass.reset.length + pass.renewed === RESET_BATCH && !stopped) setImmediate(resetBatch);
  };
  const runOnce = () => {
    resetBatch();
    attempt("usage report pruning", () => pruneUsageReports(db, now()), 0);
    const expired = attempt("user expiry pass", () => expireUsers(db, now()).length, 0);
    if (expired > 0) log.info("expired users past their expiry date", { users: expired });
    return expired;
  };
  runOnce();
  const timer = setInterval(runOnce, options.intervalMs ?? EXPIRY_INTERVAL_MS);
  timer.unref();
  return {
    runOnce,
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
