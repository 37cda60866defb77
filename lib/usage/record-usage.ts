import "server-only";
import { and, eq, gt, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { recordAudit, type DbOrTx } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { edgeNodes, edgeUsageReports, users } from "@/lib/db/schema";
import { userIdFromEdgeEmail } from "@/lib/edge/edge-users";
import { AppError } from "@/lib/errors";
import { bumpVersion } from "@/lib/users/user-changes";
import { parseInput } from "@/lib/validation";
import { usageReportSchema, type UsageReport, type UsageResult } from "./schema";

export const USAGE_ACTOR = "system:usage";

/** An agent retries a report for minutes; a week of ids is far more than any retry needs. */
export const USAGE_REPORT_RETENTION_MS = 7 * 86_400_000;

/** Reports read longer ago are refused: their id may be forgotten by the time they arrive again. */
export const MAX_USAGE_REPORT_AGE_MS = USAGE_REPORT_RETENTION_MS - 86_400_000;

const MAX_COUNTER = Number.MAX_SAFE_INTEGER;

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

interface Delta {
  up: number;
  down: number;
  /** How many of the report's entries named this user. */
  entries: number;
}

/**
 * Counts one edge's usage report (usageReportSchema) exactly once: in one IMMEDIATE transaction,
 * the (edge, reportId) row is claimed first, so a retried or concurrently repeated report finds it
 * and changes nothing. Otherwise each user's lifetime traffic grows by the deltas, and so do upload
 * and download unless the report was read before the user's last reset (that traffic belongs to the
 * period the reset closed; set-based: one UPDATE … FROM json_each for the whole report). An on-hold
 * user's expiry starts at their first traffic, and active users who reached their data limit are
 * stored as `limited`, which drops them from GET /api/edge/users (the trigger bumps its revision).
 * A report read more than MAX_USAGE_REPORT_AGE_MS ago is refused (`invalid_request`), never counted.
 *
 * Traffic alone does not bump `version`: the subscription ETag hashes the counters itself.
 */
export function recordUsage(db: Db, options: { edgeId: number; report: unknown; now?: Date }): UsageResult {
  const report = parseInput(usageReportSchema, options.report);
  const now = options.now ?? new Date();
  // An edge clock running ahead must not date traffic into the future.
  const servedBy = new Date(Math.min(report.readAt ? Date.parse(report.readAt) : now.getTime(), now.getTime()));
  if (now.getTime() - servedBy.getTime() > MAX_USAGE_REPORT_AGE_MS) {
    throw new AppError("invalid_request", `readAt ${report.readAt}: reports read more than ${MAX_USAGE_REPORT_AGE_MS / 86_400_000} days ago are refused, as their id may be forgotten and they could count twice`);
  }
  const deltas = deltasByUser(report);
  return db.transaction((tx) => {
    const claimed = tx
      .insert(edgeUsageReports)
      .values({ edgeId: options.edgeId, reportId: report.reportId, receivedAt: now })
      .onConflictDoNothing()
      .returning({ reportId: edgeUsageReports.reportId })
      .all();
    if (claimed.length === 0) return { reportId: report.reportId, duplicate: true, counted: 0 };
    creditEdge(tx, options.edgeId, deltas, now);
    if (deltas.size === 0) return { reportId: report.reportId, duplicate: false, counted: 0 };

    const applied = addTraffic(tx, deltas, servedBy);
    const counted = applied.reduce((sum, id) => sum + (deltas.get(id)?.entries ?? 0), 0);
    // Only users with traffic in this report can have connected for the first time or crossed a limit.
    const connected = JSON.stringify(applied.filter((id) => (deltas.get(id)?.up ?? 0) + (deltas.get(id)?.down ?? 0) > 0));
    if (connected !== "[]") {
      startOnHoldExpiry(tx, connected, servedBy, now);
      storeLimited(tx, connected, now);
    }
    return { reportId: report.reportId, duplicate: false, counted };
  });
}

/** Entries summed per Rotor user; emails Rotor never issued are left out. */
function deltasByUser(report: UsageReport): Map<number, Delta> {
  const deltas = new Map<number, Delta>();
  for (const entry of report.users) {
    const id = userIdFromEdgeEmail(entry.email);
    if (id === null) continue;
    const delta = deltas.get(id) ?? { up: 0, down: 0, entries: 0 };
    delta.up = Math.min(MAX_COUNTER, delta.up + entry.uplinkBytes);
    delta.down = Math.min(MAX_COUNTER, delta.down + entry.downlinkBytes);
    delta.entries += 1;
    deltas.set(id, delta);
  }
  return deltas;
}

/** The edge's own running total: what it carried for Rotor's users, for the Edges page and /metrics. */
function creditEdge(tx: DbOrTx, edgeId: number, deltas: Map<number, Delta>, now: Date): void {
  let bytes = 0;
  for (const delta of deltas.values()) bytes = Math.min(MAX_COUNTER, bytes + delta.up + delta.down);
  tx.update(edgeNodes)
    .set({ reportedBytes: sql`min(${edgeNodes.reportedBytes} + ${bytes}, ${MAX_COUNTER})`, lastReportAt: now })
    .where(eq(edgeNodes.id, edgeId))
    .run();
}

/**
 * One UPDATE for the whole report, its traffic served by `servedBy`; returns the ids of the users
 * that exist. Traffic served by a user's last reset stays out of that period's counters.
 */
function addTraffic(tx: Tx, deltas: Map<number, Delta>, servedBy: Date): number[] {
  const rows = JSON.stringify([...deltas].map(([id, delta]) => [id, delta.up, delta.down]));
  const served = servedBy.getTime();
  const inPeriod = sql`coalesce(${users.trafficResetAt}, 0) < ${served}`;
  // Counters stay safe integers (JS reads them as numbers); a lifetime that large is ~9 PB anyway.
  const rowsApplied = tx.all<{ id: number }>(sql`
    WITH delta(id, up, down) AS (
      SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(${rows})
    )
    UPDATE users SET
      upload_bytes = CASE WHEN ${inPeriod} THEN min(upload_bytes + delta.up, ${MAX_COUNTER}) ELSE upload_bytes END,
      download_bytes = CASE WHEN ${inPeriod} THEN min(download_bytes + delta.down, ${MAX_COUNTER}) ELSE download_bytes END,
      lifetime_bytes = min(lifetime_bytes + delta.up + delta.down, ${MAX_COUNTER}),
      online_at = CASE WHEN delta.up + delta.down > 0 THEN max(coalesce(online_at, 0), ${served}) ELSE online_at END
    FROM delta WHERE users.id = delta.id
    RETURNING users.id AS id`);
  return rowsApplied.map((row) => row.id);
}

const inJsonIds = (ids: string) => sql`${users.id} IN (SELECT value FROM json_each(${ids}))`;

/** An on-hold user's first traffic starts their expiry: expiresAt = servedBy + onHoldSeconds, once. */
function startOnHoldExpiry(tx: DbOrTx, ids: string, servedBy: Date, now: Date): void {
  const started = tx
    .update(users)
    .set({ expiresAt: sql`${servedBy.getTime()} + ${users.onHoldSeconds} * 1000`, onHoldSeconds: null, ...bumpVersion(now) })
    .where(and(inJsonIds(ids), isNotNull(users.onHoldSeconds), isNull(users.expiresAt)))
    .returning({ id: users.id, username: users.username, expiresAt: users.expiresAt })
    .all();
  for (const user of started) {
    recordAudit(tx, {
      actor: USAGE_ACTOR,
      action: "user.on_hold_started",
      target: `user:${user.id}`,
      details: { username: user.username, expiresAt: user.expiresAt?.toISOString() ?? null },
    });
  }
}

/**
 * Stores `limited` on the report's active, unexpired users whose traffic reached their limit.
 * The unary + keeps SQLite on the id list instead of the status index.
 */
function storeLimited(tx: DbOrTx, ids: string, now: Date): void {
  const limited = tx
    .update(users)
    .set({ status: "limited", ...bumpVersion(now) })
    .where(
      and(
        inJsonIds(ids),
        sql`+${users.status} = 'active'`,
        isNotNull(users.dataLimitBytes),
        sql`${users.uploadBytes} + ${users.downloadBytes} >= ${users.dataLimitBytes}`,
        or(isNull(users.expiresAt), gt(users.expiresAt, now)),
      ),
    )
    .returning({ id: users.id, username: users.username, usedBytes: sql<number>`${users.uploadBytes} + ${users.downloadBytes}`, dataLimitBytes: users.dataLimitBytes })
    .all();
  for (const user of limited) {
    recordAudit(tx, {
      actor: USAGE_ACTOR,
      action: "user.limited",
      target: `user:${user.id}`,
      details: { username: user.username, usedBytes: user.usedBytes, dataLimitBytes: user.dataLimitBytes },
    });
  }
}

/** Forgets report ids older than the retention (an indexed range delete); returns how many. */
export function pruneUsageReports(db: Db, now: Date = new Date()): number {
  return db.delete(edgeUsageReports).where(lt(edgeUsageReports.receivedAt, new Date(now.getTime() - USAGE_REPORT_RETENTION_MS))).run().changes;
}
