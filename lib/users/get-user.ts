import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { subscriptionFetches, users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { userIdSchema } from "./schema";

/** A user by id, or undefined (a malformed id finds no one rather than throwing). */
export function findUser(db: Db, id: unknown) {
  const parsed = userIdSchema.safeParse(id);
  if (!parsed.success) return undefined;
  return db.select().from(users).where(eq(users.id, parsed.data)).get();
}

/** A user by id; a `not_found` AppError when there is none. */
export function getUser(db: Db, id: unknown) {
  const user = db.select().from(users).where(eq(users.id, parseInput(userIdSchema, id))).get();
  if (!user) throw new AppError("not_found", `user ${String(id)} does not exist`);
  return user;
}

/** A user's newest subscription fetches (the fetch log keeps 20 per user), newest first. */
export function listUserFetches(db: Db, userId: number, options: { limit?: number } = {}) {
  return db
    .select({ id: subscriptionFetches.id, at: subscriptionFetches.at, userAgent: subscriptionFetches.userAgent, ip: subscriptionFetches.ip, format: subscriptionFetches.format })
    .from(subscriptionFetches)
    .where(eq(subscriptionFetches.userId, userId))
    .orderBy(desc(subscriptionFetches.at), desc(subscriptionFetches.id))
    .limit(options.limit ?? 20)
    .all();
}
