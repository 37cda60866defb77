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

/**
 * Resets users whose scheduled period has begun since their last reset (trafficResetAt, or
 * createdAt for a user never reset), at most `limit` of them, in one transaction. One narrow scan
 * per strategy (reset_strategy has no index; ~17 ms for 100,000 users with nothing due) writes
 * only the due rows. Idempotent: a reset user's trafficResetAt is now, no longer before the
 * period start; several instances serialise on the write lock and the later ones find nothing.
 * Each reset is audited (its webhook event rides on that), ~50 µs a user: the job passes a
 * `limit` and comes back for the rest, so a 1st-of-the-month on a big panel never holds the
 * server's thread for seconds.
 */
export function resetDueTraffic(db: Db, now: Date = new Date(), options: { limit?: number } = {}): ResetUser[] {
  return db.transaction((tx) => {
    const done: ResetUser[] = [];
    let room = options.limit ?? Number.POSITIVE_INFINITY;
    for (const strategy of RESET_STRATEGIES) {
      const start = periodStart(strategy, now);
      if (start === null || room <= 0) continue;
      const due = tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.resetStrategy, strategy), sql`coalesce(${users.trafficResetAt}, ${users.createdAt}) < ${start.getTime()}`))
        .limit(Number.isFinite(room) ? room : -1)
        .all()
        .map((row) => row.id);
      for (let index = 0; index < due.length; index += CHUNK) {
        done.push(...writeReset(tx, due.slice(index, index + CHUNK), now, RESET_ACTOR, strategy));
      }
      room -= due.length;
    }
    return done;
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
