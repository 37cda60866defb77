import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { users, type UserStatus } from "@/lib/db/schema";

export interface ListUsersOptions {
  /** Matches usernames containing this text. */
  search?: string;
  status?: UserStatus;
  limit?: number;
  offset?: number;
}

/** Users in creation order, filtered by stored status and username. */
export function listUsers(db: Db, options: ListUsersOptions = {}) {
  const conditions: SQL[] = [];
  if (options.status) conditions.push(eq(users.status, options.status));
  if (options.search) conditions.push(sql`${users.username} LIKE ${`%${escapeLike(options.search)}%`} ESCAPE '\\'`);
  return db
    .select()
    .from(users)
    .where(and(...conditions))
    .orderBy(asc(users.id))
    .limit(options.limit ?? 100)
    .offset(options.offset ?? 0)
    .all();
}

/** LIKE patterns treat % and _ as wildcards; a search for "a_b" means the literal text. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
