import { and, asc, desc, eq, gt, isNotNull, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { users, type UserStatus } from "@/lib/db/schema";
import type { SortOrder, UserSort } from "./schema";

const usedBytes = sql`(${users.uploadBytes} + ${users.downloadBytes})`;

/**
 * SQL true for users whose effectiveStatus (present-user.ts) is `status` at `now`: the same rules
 * in the same precedence (a stored non-active status wins, then expiry, then the data limit), so
 * the filter and the badge never disagree and LIMIT/OFFSET count only matching rows.
 */
export function effectiveStatusIs(status: UserStatus, now: Date): SQL {
  const notExpired = or(isNull(users.expiresAt), gt(users.expiresAt, now))!;
  switch (status) {
    case "disabled":
      return eq(users.status, "disabled");
    case "expired":
      return or(eq(users.status, "expired"), and(eq(users.status, "active"), lte(users.expiresAt, now)))!;
    case "limited":
      return or(
        eq(users.status, "limited"),
        and(eq(users.status, "active"), notExpired, isNotNull(users.dataLimitBytes), sql`${usedBytes} >= ${users.dataLimitBytes}`),
      )!;
    case "active":
      return and(eq(users.status, "active"), notExpired, or(isNull(users.dataLimitBytes), sql`${usedBytes} < ${users.dataLimitBytes}`))!;
  }
}

/**
 * The effective status itself as one SQL expression, for grouping (the dashboard's and the
 * metrics' counts). Same rules and precedence as effectiveStatusIs, which filters with indexes.
 */
export function effectiveStatusSql(now: Date): SQL<UserStatus> {
  return sql<UserStatus>`CASE
    WHEN ${users.status} <> 'active' THEN ${users.status}
    WHEN ${users.expiresAt} IS NOT NULL AND ${users.expiresAt} <= ${now.getTime()} THEN 'expired'
    WHEN ${users.dataLimitBytes} IS NOT NULL AND ${usedBytes} >= ${users.dataLimitBytes} THEN 'limited'
    ELSE 'active' END`;
}

/** Usernames containing `text`, case-insensitively (SQLite's LIKE folds ASCII). */
export function usernameContains(text: string): SQL {
  return sql`${users.username} LIKE ${`%${escapeLike(text)}%`} ESCAPE '\\'`;
}

/** LIKE patterns treat % and _ as wildcards; a search for "a_b" means the literal text. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * ORDER BY terms for a sort, always ending in a unique key so pages never overlap or skip rows.
 * created (with id) and username walk their indexes; used traffic and last fetch have no index
 * (no migration in this step) and are sorted over narrow (id, key) rows, see listUsersPage.
 * "Never expires" counts as the latest expiry: last ascending, first descending.
 */
export function userOrderBy(sort: UserSort, order: SortOrder): SQL[] {
  const direction = order === "asc" ? asc : desc;
  switch (sort) {
    case "username":
      return [direction(users.username)];
    case "created":
      return [direction(users.createdAt), direction(users.id)];
    case "expires":
      return [direction(sql`${users.expiresAt} IS NULL`), direction(users.expiresAt), direction(users.id)];
    case "used":
      return [direction(usedBytes), direction(users.id)];
    case "lastFetch":
      return [direction(users.lastFetchAt), direction(users.id)];
  }
}
