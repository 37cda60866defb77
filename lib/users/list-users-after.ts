import "server-only";
import { and, asc, gt, inArray, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import type { z } from "zod";
import { encodeUserCursor, type listUsersApiQuerySchema } from "./api-schema";
import { effectiveStatusIs, usernameContains } from "./user-filters";

/**
 * A page of users for GET /api/v1/users (a query parsed with listUsersApiQuerySchema): oldest first, keyset-paged on
 * id, so a walk over all pages sees every user that exists throughout exactly once.
 */
export function listUsersAfter(db: Db, query: z.output<typeof listUsersApiQuerySchema>, options: { now?: Date } = {}) {
  const conditions: SQL[] = [];
  if (query.cursor !== undefined) conditions.push(gt(users.id, query.cursor));
  // As in listUsersPage: matching names come from the narrow username index first.
  if (query.search) conditions.push(inArray(users.id, db.select({ id: users.id }).from(users).where(usernameContains(query.search))));
  if (query.status) conditions.push(effectiveStatusIs(query.status, options.now ?? new Date()));
  const rows = db.select().from(users).where(and(...conditions)).orderBy(asc(users.id)).limit(query.limit + 1).all();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { users: page, nextCursor: rows.length > query.limit && last ? encodeUserCursor(last.id) : null };
}
