import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { recordAudit, type DbOrTx } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { RESET_STRATEGIES, users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { bumpVersion } from "@/lib/users/user-changes";
import { userIdSchema } from "@/lib/users/schema";
import { parseInput } from "@/lib/validation";
import { periodStart } from "./reset-period";

export const RESET_ACTOR = "system:reset";

export interface ResetUser {
  id: number;
  username: string;
}

/** The columns a reset writes: counters to 0, the reset time, and a limited user active again. */
function resetColumns(now: Date) {
  return {
    uploadBytes: 0,
    downloadBytes: 0,
    trafficResetAt: now,
    status: sql`CASE WHEN ${users.status} = 'limited' THEN 'active' ELSE ${users.status} END`,
    ...bumpVersion(now),
  };
}

/** Resets the given users' traffic and audits each as `user.traffic_reset` by `actor`. */
function writeReset(tx: DbOrTx, ids: number[], now: Date, actor: string, reason: string) {
  if (ids.length === 0) return [];
  // The stored status before the reset, for the audit ("reenabled").
  const before = new Map(
    tx.select({ id: users.id, status: users.status, usedBytes: sql<number>`${users.uploadBytes} + ${users.downloadBytes}` }).from(users).where(inArray(users.id, ids)).all().map((row) => [row.id, row]),
  );
  const reset = tx.update(users).set(resetColumns(now)).where(inArray(users.id, ids)).returning({ id: users.id, username: users.username }).all();
  for (const user of reset) {
    const previous = before.get(user.id);
    recordAudit(tx, {
      actor,
      action: "user.traffic_reset",
      target: `user:${user.id}`,
      details: { username: user.username, reason, usedBytes: previous?.usedBytes ?? 0, reenabled: previous?.status === "limited" },
    });
  }
  return reset;
}

/** SQLite's limit on bound parameters is 32,766; chunks keep each IN list well below it. */
const CHUNK = 5_000;

export interface ResetPass {
  /** Users whose counters went back to 0 (audited, edges and webhooks told). */
  reset: ResetUser[];
  /** Users whose period began with nothing to reset (no traffic, not limited): only their reset time moves. */
  renewed: number;
}

/**
 * Resets users whose scheduled period has begun since their last reset or their schedule's
 * change (trafficResetAt, else createdAt; or resetStrategyChangedAt if later), at most `limit`
 * of them, in one transaction. One narrow scan per strategy (reset_strategy has no index;
 * ~17 ms for 100,000 users with nothing due) writes only the due rows. Idempotent: a due user's
 * trafficResetAt becomes now, no longer before the period start; several instances serialise on
 * the write lock and the later ones find nothing. A reset is audited (its webhook event rides on
 * that), ~50 µs a user, so users with nothing to reset are only renewed: a panel of idle daily
 * users would otherwise send an event per user every midnight. The job passes a `limit` and comes
 * back for the rest, so a 1st-of-the-month on a big panel never holds the server's thread for seconds.
 */
export function resetDueTraffic(db: Db, now: Date = new Date(), options: { limit?: number } = {}): ResetPass {
  return db.transaction((tx) => {
    const pass: ResetPass = { reset: [], renewed: 0 };
    let room = options.limit ?? Number.POSITIVE_INFINITY;
    for (const strategy of RESET_STRATEGIES) {
      const start = periodStart(strategy, now);
      if (start === null || room <= 0) continue;
      const periodFrom = sql`max(coalesce(${users.trafficResetAt}, ${users.createdAt}), coalesce(${users.resetStrategyChangedAt}, 0))`;
      const due = tx
        .select({ id: users.id, idle: sql<number>`${users.uploadBytes} + ${users.downloadBytes} = 0 AND ${users.status} <> 'limited'` })
        .from(users)
        .where(and(eq(users.resetStrategy, strategy), sql`${periodFrom} < ${start.getTime()}`))
        .limit(Number.isFinite(room) ? room : -1)
        .all();
      const idle = due.filter((user) => user.idle === 1).map((user) => user.id);
      const busy = due.filter((user) => user.idle !== 1).map((user) => user.id);
      for (let index = 0; index < busy.length; index += CHUNK) {
        pass.reset.push(...writeReset(tx, busy.slice(index, index + CHUNK), now, RESET_ACTOR, strategy));
      }
      for (let index = 0; index < idle.length; index += CHUNK) {
        tx.update(users).set({ trafficResetAt: now }).where(inArray(users.id, idle.slice(index, index + CHUNK))).run();
      }
      pass.renewed += idle.length;
      room -= due.length;
    }
    return pass;
  });
}

/** An admin's "reset traffic now": counters to 0 and a limited user re-enabled, audited with their actor. */
export function resetUserTraffic(db: Db, options: { id: unknown; actor: string; now?: Date }): ResetUser {
  const id = parseInput(userIdSchema, options.id);
  return db.transaction((tx) => {
    const [user] = writeReset(tx, [id], options.now ?? new Date(), options.actor, "manual");
    if (!user) throw new AppError("not_found", `user ${id} does not exist`);
    return user;
  });
}
