import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { changeCounters, users } from "@/lib/db/schema";
import { effectiveStatusIs } from "@/lib/users/user-filters";
import { ROTOR_EMAIL, type EdgeUsers } from "./edge-users-schema";

export { edgeUserSchema, edgeUsersSchema, type EdgeUser, type EdgeUsers } from "./edge-users-schema";

/** The change counter the users triggers bump (migration 0010). */
const EDGE_USERS_COUNTER = "edge_users";

/**
 * The `email` a user carries in the cores' inbounds and stats. Built from the id alone, so a
 * rename never makes an edge remove and re-add the user (which would cut their tunnels).
 */
export function edgeUserEmail(userId: number): string {
  return `user-${userId}@rotor`;
}

/** The user id an edge's stats name refers to, or null for an email Rotor never issued. */
export function userIdFromEdgeEmail(email: string): number | null {
  const match = ROTOR_EMAIL.exec(email);
  return match ? Number(match[1]) : null;
}

/** Grows whenever the set of users edges must accept may have changed (bumped by SQLite triggers). */
export function edgeUsersRevision(db: Pick<Db, "select">): string {
  const row = db.select({ value: changeCounters.value }).from(changeCounters).where(eq(changeCounters.name, EDGE_USERS_COUNTER)).get();
  return String(row?.value ?? 0);
}

/**
 * The users the edges must accept now: effectively active ones (not disabled, expired or over
 * their limit, even before the jobs store that), in id order so unchanged answers are identical.
 */
export function listEdgeUsers(db: Db, now: Date = new Date()): EdgeUsers {
  // Read both in one snapshot so the revision never claims a change the list does not hold yet.
  return db.transaction(
    (tx) => {
      const revision = edgeUsersRevision(tx);
      const rows = tx.select({ id: users.id, uuid: users.uuid }).from(users).where(effectiveStatusIs("active", now)).orderBy(asc(users.id)).all();
      return { revision, users: rows.map((row) => ({ email: edgeUserEmail(row.id), id: row.uuid })) };
    },
    { behavior: "deferred" },
  );
}
