import "server-only";
import { eq, lte } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { revokedSessions } from "@/lib/db/schema";

/**
 * A JWT session cannot be recalled, and proxy.ts re-issues the cookie on requests in flight, so
 * a sign-out could be undone by a background refresh racing it (the dashboard refreshes every
 * 5 s). A sign-out therefore records the session's id, refused until the session would have
 * expired anyway; other sessions of the same admin are untouched.
 */
export function revokeSession(db: Db, sessionId: string, expiresAt: Date, now: Date = new Date()): void {
  db.transaction((tx) => {
    tx.delete(revokedSessions).where(lte(revokedSessions.expiresAt, now)).run();
    tx.insert(revokedSessions).values({ sessionId, expiresAt }).onConflictDoNothing().run();
  });
}

/** False for a signed-out session, or one from before sessions had ids (sign in again). */
export function sessionIsLive(db: Db, sessionId: string | undefined): boolean {
  if (typeof sessionId !== "string") return false;
  return !db.select({ sessionId: revokedSessions.sessionId }).from(revokedSessions).where(eq(revokedSessions.sessionId, sessionId)).get();
}
