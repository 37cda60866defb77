import "server-only";
import { asc, count, gt } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { hosts, rotationHistory, users, USER_STATUSES, type UserStatus } from "@/lib/db/schema";
import { effectiveStatusSql } from "@/lib/users/user-filters";

export interface Overview {
  /** By effective status: an active user past expiry counts as expired, one over the limit as limited. */
  usersByStatus: Record<UserStatus, number>;
  usersTotal: number;
  rotationsLast24h: number;
  hosts: Pick<
    typeof hosts.$inferSelect,
    "id" | "name" | "address" | "port" | "transport" | "security" | "rotationIntervalSeconds" | "graceSeconds" | "enabled"
  >[];
}

/** Users by effective status (every status present, 0 when none): one scan of users. */
export function countUsersByStatus(db: Db, now: Date = new Date()): Record<UserStatus, number> {
  const usersByStatus = Object.fromEntries(USER_STATUSES.map((status) => [status, 0])) as Record<UserStatus, number>;
  const status = effectiveStatusSql(now);
  for (const row of db.select({ status, value: count() }).from(users).groupBy(status).all()) {
    usersByStatus[row.status] = row.value;
  }
  return usersByStatus;
}

/** Counts and the host list for the dashboard: three queries, one of them a scan of users. */
export function loadOverview(db: Db, now: Date = new Date()): Overview {
  const usersByStatus = countUsersByStatus(db, now);
  const rotationsLast24h =
    db
      .select({ value: count() })
      .from(rotationHistory)
      .where(gt(rotationHistory.at, new Date(now.getTime() - 86_400_000)))
      .get()?.value ?? 0;
  const hostRows = db
    .select({
      id: hosts.id,
      name: hosts.name,
      address: hosts.address,
      port: hosts.port,
      transport: hosts.transport,
      security: hosts.security,
      rotationIntervalSeconds: hosts.rotationIntervalSeconds,
      graceSeconds: hosts.graceSeconds,
      enabled: hosts.enabled,
    })
    .from(hosts)
    .orderBy(asc(hosts.sortOrder), asc(hosts.id))
    .all();
  return {
    usersByStatus,
    usersTotal: Object.values(usersByStatus).reduce((sum, value) => sum + value, 0),
    rotationsLast24h,
    hosts: hostRows,
  };
}
