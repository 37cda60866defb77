import "server-only";
import { and, asc, count, eq, inArray, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { users, type UserStatus } from "@/lib/db/schema";
import { parseInput } from "@/lib/validation";
import { listUsersQuerySchema } from "./schema";
import { effectiveStatusIs, userOrderBy, usernameContains } from "./user-filters";

export interface ListUsersOptions {
  /** Matches usernames containing this text. */
  search?: string;
  status?: UserStatus;
  limit?: number;
  offset?: number;
}

/** Users in creation order, filtered by stored status and username (the CLI's user:list). */
export function listUsers(db: Db, options: ListUsersOptions = {}) {
  const conditions: SQL[] = [];
  if (options.status) conditions.push(eq(users.status, options.status));
  if (options.search) conditions.push(usernameContains(options.search));
  return db
    .select()
    .from(users)
    .where(and(...conditions))
    .orderBy(asc(users.id))
    .limit(options.limit ?? 100)
    .offset(options.offset ?? 0)
    .all();
}

/** The columns a list row shows: no token, no uuid. */
const LIST_COLUMNS = {
  id: users.id,
  username: users.username,
  status: users.status,
  dataLimitBytes: users.dataLimitBytes,
  uploadBytes: users.uploadBytes,
  downloadBytes: users.downloadBytes,
  expiresAt: users.expiresAt,
  onHoldSeconds: users.onHoldSeconds,
  createdAt: users.createdAt,
  lastFetchAt: users.lastFetchAt,
  lastFetchUserAgent: users.lastFetchUserAgent,
};

export type UserListRow = { [K in keyof typeof LIST_COLUMNS]: (typeof users.$inferSelect)[K] };

export interface UsersPage {
  users: UserListRow[];
  /** Users matching the search and status filter, on all pages. */
  total: number;
}

/**
 * One page of users, searched (username contains), filtered by effective status and sorted
 * (listUsersQuerySchema). The page's ids are chosen first over narrow rows, then only those 50
 * rows are read in full: a deep page of an unindexed sort then sorts ids and keys, not whole
 * rows (at 100,000 users, ~55 ms instead of ~230 ms; npm run bench:admin).
 */
export function listUsersPage(db: Db, input: unknown, options: { now?: Date } = {}): UsersPage {
  const query = parseInput(listUsersQuerySchema, input);
  const now = options.now ?? new Date();
  const conditions: SQL[] = [];
  // Matching names are found in the narrow username index first; left to itself, SQLite walks the
  // sort's index and reads every row to test a rare name (a search for "-4242": ~29 ms → ~8 ms).
  if (query.search) conditions.push(inArray(users.id, db.select({ id: users.id }).from(users).where(usernameContains(query.search))));
  if (query.status) conditions.push(effectiveStatusIs(query.status, now));
  const where = and(...conditions);
  const order = userOrderBy(query.sort, query.order);
  const pageIds = db.select({ id: users.id }).from(users).where(where).orderBy(...order).limit(query.limit).offset(query.offset);
  // One read transaction: the count and the rows come from the same snapshot.
  return db.transaction(
    (tx) => ({
      users: tx.select(LIST_COLUMNS).from(users).where(inArray(users.id, pageIds)).orderBy(...order).all(),
      total: tx.select({ value: count() }).from(users).where(where).get()?.value ?? 0,
    }),
    { behavior: "deferred" },
  );
}
