import "server-only";
import { asc, count } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { hosts, users, USER_STATUSES, type UserStatus } from "@/lib/db/schema";

export interface Overview {
  usersByStatus: Record<UserStatus, number>;
  usersTotal: number;
  hosts: Pick<typeof hosts.$inferSelect, "id" | "name" | "address" | "port" | "transport" | "security" | "rotationIntervalSeconds" | "graceSeconds" | "enabled">[];
}

/** Counts and host list for the dashboard, in two indexed queries. */
export function loadOverview(db: Db): Overview {
  const usersByStatus = Object.fromEntries(USER_STATUSES.map((status) => [status, 0])) as Record<UserStatus, number>;
  for (const row of db.select({ status: users.status, value: count() }).from(users).groupBy(users.status).all()) {
    usersByStatus[row.status] = row.value;
  }
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
    hosts: hostRows,
  };
}
