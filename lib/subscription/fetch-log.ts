import "server-only";
import type { Db } from "@/lib/db/client";
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

  /**
   * Three prepared statements per flush, whatever its size: the batch travels as one JSON
   * parameter (json_each), so a second's worth of fetches costs a few ms, not a statement per row.
   */
  private write(batch: FetchRecord[]): void {
    const latest = new Map<number, FetchRecord>();
    for (const entry of batch) latest.set(entry.userId, entry);
    const rows = (entries: Iterable<FetchRecord>) =>
      JSON.stringify([...entries].map((entry) => ({ u: entry.userId, a: entry.at.getTime(), ua: entry.userAgent, ip: entry.ip, f: entry.format })));
    const statements = this.statements();
    this.db.$client.transaction(() => {
      statements.insert.run(rows(batch));
      statements.updateUsers.run(rows(latest.values()));
      statements.prune.run(JSON.stringify([...latest.keys()]), FETCHES_KEPT_PER_USER);
    }).immediate();
  }

  private prepared: ReturnType<FetchLog["prepare"]> | undefined;

  private statements() {
    this.prepared ??= this.prepare();
    return this.prepared;
  }

  private prepare() {
    const sqlite = this.db.$client;
    return {
      insert: sqlite.prepare(`INSERT INTO subscription_fetches (user_id, at, user_agent, ip, format)
        SELECT value ->> '$.u', value ->> '$.a', value ->> '$.ua', value ->> '$.ip', value ->> '$.f' FROM json_each(?)
        -- A user deleted since the fetch: its row would fail the foreign key and keep the whole batch queued forever.
        WHERE EXISTS (SELECT 1 FROM users WHERE users.id = value ->> '$.u')`),
      updateUsers: sqlite.prepare(`UPDATE users SET last_fetch_at = batch.a, last_fetch_user_agent = batch.ua, last_fetch_ip = batch.ip
        FROM (SELECT value ->> '$.u' AS u, value ->> '$.a' AS a, value ->> '$.ua' AS ua, value ->> '$.ip' AS ip FROM json_each(?)) AS batch
        WHERE users.id = batch.u`),
      prune: sqlite.prepare(`DELETE FROM subscription_fetches WHERE id IN (
        SELECT id FROM (
          SELECT id, row_number() OVER (PARTITION BY user_id ORDER BY id DESC) AS position
          FROM subscription_fetches WHERE user_id IN (SELECT value FROM json_each(?))
        ) WHERE position > ?)`),
    };
  }
}
