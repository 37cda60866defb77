import "server-only";
import type { Db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { expireUsers } from "./expire-users";

export const EXPIRY_INTERVAL_MS = 30_000;

export interface ExpiryJob {
  /** One pass now; returns how many users it expired (0 when it failed, which is logged). */
  runOnce: () => number;
  stop: () => void;
}

/**
 * Runs expireUsers at start and every `intervalMs`. /sub already refuses a lapsed user by its
 * effective status; this job makes the stored status say so too (filters, edges, the API).
 */
export function startExpiryJob(db: Db, options: { intervalMs?: number; now?: () => Date } = {}): ExpiryJob {
  const now = options.now ?? (() => new Date());
  const runOnce = () => {
    try {
      const expired = expireUsers(db, now());
      if (expired.length > 0) log.info("expired users past their expiry date", { users: expired.length });
      return expired.length;
    } catch (error) {
      // A locked or busy database: the next pass picks the same users up.
      log.error("user expiry pass failed", { error: error instanceof Error ? error.message : String(error) });
      return 0;
    }
  };
  runOnce();
  const timer = setInterval(runOnce, options.intervalMs ?? EXPIRY_INTERVAL_MS);
  timer.unref();
  return { runOnce, stop: () => clearInterval(timer) };
}
