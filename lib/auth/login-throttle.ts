import "server-only";
import { and, desc, eq, gt } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { loginAttempts } from "@/lib/db/schema";

/** 5 failures within 15 minutes, per username and per IP, lock further attempts (Step 5). */
export const LOGIN_THROTTLE = { maxFailures: 5, windowMs: 15 * 60_000 } as const;

export interface LoginSource {
  username: string;
  ip: string;
}

/**
 * How long until this username and this IP may try again (0: now). Failures count within the
 * window and since that key's last successful sign-in; the lock ends when the oldest of the
 * counted failures leaves the window.
 */
export function loginRetryAfterMs(db: Db, source: LoginSource, now: Date): number {
  const byUsername = retryAfterFor(db, eq(loginAttempts.username, source.username), now);
  const byIp = retryAfterFor(db, eq(loginAttempts.ip, source.ip), now);
  return Math.max(byUsername, byIp);
}

function retryAfterFor(db: Db, key: ReturnType<typeof eq>, now: Date): number {
  const recent = db
    .select({ succeeded: loginAttempts.succeeded, at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(key, gt(loginAttempts.at, new Date(now.getTime() - LOGIN_THROTTLE.windowMs))))
    .orderBy(desc(loginAttempts.at), desc(loginAttempts.id))
    .limit(LOGIN_THROTTLE.maxFailures)
    .all();
  if (recent.length < LOGIN_THROTTLE.maxFailures || recent.some((attempt) => attempt.succeeded)) return 0;
  const oldest = recent.at(-1)!.at.getTime();
  return Math.max(0, oldest + LOGIN_THROTTLE.windowMs - now.getTime());
}

export function recordLoginAttempt(db: Db, source: LoginSource, succeeded: boolean, at: Date): void {
  db.insert(loginAttempts).values({ username: source.username, ip: source.ip, succeeded, at }).run();
}

/** "Too many failed sign-ins. Try again in 12 minutes." */
export function throttledMessage(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
