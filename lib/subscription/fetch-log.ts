import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { subscriptionFetches, users } from "@/lib/db/schema";
import { log } from "@/lib/log";

export interface FetchRecord {
  userId: number;
  at: Date;
  userAgent: string;
  ip: string;
  format: string;
}

/** Fetches kept per user; older ones are pruned at each flush. */
export const FETCHES_KEPT_PER_USER = 20;
/** A flood of fetches while SQLite is locked must not grow memory without bound. */
const MAX_QUEUED = 50_000;

/**
 * Records subscription fetches off the request path: `record` only queues; a timer writes the
 * queue in one transaction about once a second (and `flush` at shutdown).
 */
export class FetchLog {
  private queue: FetchRecord[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    flushMs = 1000,
  ) {
    this.timer = setInterval(() => this.flush(), flushMs);
    this.timer.unref();
  }

  record(entry: FetchRecord): void {
    if (this.queue.length >= MAX_QUEUED) this.queue.shift();
    this.queue.push(entry);
  }

  /** Writes everything queued; on failure (say, a locked database) keeps it for the next try. */
  flush(): void {
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    try {
      this.write(batch);
    } catch (error) {
      this.queue = [...batch, ...this.queue].slice(-MAX_QUEUED);
      log.warn("fetch log flush failed; will retry", { queued: this.queue.length, error: error instanceof Error ? error.message : String(error) });
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.flush();
  }

  private write(batch: FetchRecord[]): void {
    const latest = new Map<number, FetchRecord>();
    for (const entry of batch) latest.set(entry.userId, entry);
    this.db.transaction(
      (tx) => {
        // Chunks of 1,000 rows (5,000 parameters) stay under SQLite's bound-parameter limit.
        for (let start = 0; start < batch.length; start += 1000) tx.insert(subscriptionFetches).values(batch.slice(start, start + 1000)).run();
        for (const entry of latest.values()) {
          tx.update(users)
            .set({ lastFetchAt: entry.at, lastFetchUserAgent: entry.userAgent, lastFetchIp: entry.ip })
            .where(eq(users.id, entry.userId))
            .run();
          tx.run(sql`DELETE FROM ${subscriptionFetches} WHERE ${subscriptionFetches.userId} = ${entry.userId} AND ${subscriptionFetches.id} NOT IN (
            SELECT ${subscriptionFetches.id} FROM ${subscriptionFetches} WHERE ${subscriptionFetches.userId} = ${entry.userId}
            ORDER BY ${subscriptionFetches.id} DESC LIMIT ${FETCHES_KEPT_PER_USER})`);
        }
      },
      { behavior: "immediate" },
    );
  }
}
