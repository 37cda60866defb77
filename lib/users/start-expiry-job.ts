import "server-only";
import type { Db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { pruneUsageReports } from "@/lib/usage/record-usage";
import { resetDueTraffic } from "@/lib/usage/reset-traffic";
import { expireUsers } from "./expire-users";

export const EXPIRY_INTERVAL_MS = 30_000;

/**
 * Users reset or expired per batch: ~0.1 s of the server's thread and of the database's write
 * lock each (a 100,000-user 1st of the month took 4.7 s in one go); more batches follow at once,
 * between requests and other writers.
 */
export const USER_BATCH = 2_000;

export interface ExpiryJob {
  /** One pass now; returns how many users its first expiry batch expired (0 when it failed, which is logged). */
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
  /** One pass of at most USER_BATCH users; a full one means more are due, and the rest follow at once, after the requests waiting now. */
  const inBatches = (what: string, pass: () => number) => {
    const step = (): number => {
      const done = attempt(what, pass, 0);
      if (done === USER_BATCH && !stopped) setImmediate(step);
      return done;
    };
    return step;
  };
  const resetBatch = inBatches("traffic reset pass", () => {
    const pass = resetDueTraffic(db, now(), { limit: USER_BATCH });
    if (pass.reset.length + pass.renewed > 0) log.info("reset traffic of users whose period began", { users: pass.reset.length, idleUsersRenewed: pass.renewed });
    return pass.reset.length + pass.renewed;
  });
  const expiryBatch = inBatches("user expiry pass", () => {
    const expired = expireUsers(db, now(), { limit: USER_BATCH }).length;
    if (expired > 0) log.info("expired users past their expiry date", { users: expired });
    return expired;
  });
  const runOnce = () => {
    resetBatch();
    attempt("usage report pruning", () => pruneUsageReports(db, now()), 0);
    return expiryBatch();
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
