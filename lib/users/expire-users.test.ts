import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { auditLog, users } from "@/lib/db/schema";
import { openDatabase } from "@/lib/db/client";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { createUser } from "./create-user";
import { EXPIRY_ACTOR, expireUsers, lapsedActiveUsers } from "./expire-users";
import { startExpiryJob, USER_BATCH } from "./start-expiry-job";

let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => {
  vi.useRealTimers();
  temp.close();
});

const now = new Date("2026-06-01T12:00:00Z");
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);
const make = (username: string, fields: Record<string, unknown> = {}) => createUser(temp.db, { username, ...fields }, { actor: "cli" }).id;
const row = (id: number) => temp.db.select().from(users).where(eq(users.id, id)).get()!;
const expiryAudits = () => temp.db.select().from(auditLog).where(eq(auditLog.action, "user.expired")).all();

describe("expireUsers", () => {
  it("stores expired on active users at or past their expiry, bumping version and updatedAt, audited per user", () => {
    const lapsed = make("lapsed", { expiresAt: at(-60_000) });
    const exactly = make("exactly", { expiresAt: now });
    const future = make("future", { expiresAt: at(60_000) });
    const never = make("never");
    const disabled = make("disabled", { expiresAt: at(-60_000) });
    temp.db.update(users).set({ status: "disabled" }).where(eq(users.id, disabled)).run();

    expect(expireUsers(temp.db, now)).toEqual([
      { id: lapsed, username: "lapsed" },
      { id: exactly, username: "exactly" },
    ]);
    expect(row(lapsed)).toMatchObject({ status: "expired", version: 2, updatedAt: now });
    expect(row(exactly)).toMatchObject({ status: "expired", version: 2, updatedAt: now });
    for (const id of [future, never]) expect(row(id)).toMatchObject({ status: "active", version: 1 });
    expect(row(disabled)).toMatchObject({ status: "disabled", version: 1 });
    expect(expiryAudits()).toEqual([
      expect.objectContaining({ actor: EXPIRY_ACTOR, target: `user:${lapsed}`, details: { username: "lapsed", expiresAt: at(-60_000).toISOString() } }),
      expect.objectContaining({ actor: EXPIRY_ACTOR, target: `user:${exactly}`, details: { username: "exactly", expiresAt: now.toISOString() } }),
    ]);
  });

  it("is idempotent: a second run, or another instance on the same file, changes and audits nothing", () => {
    const id = make("once", { expiresAt: at(-1) });
    const other = openDatabase(temp.file);
    try {
      expect(expireUsers(temp.db, now)).toHaveLength(1);
      expect(expireUsers(other, at(1000))).toEqual([]);
      expect(expireUsers(temp.db, at(2000))).toEqual([]);
    } finally {
      other.$client.close();
    }
    expect(row(id)).toMatchObject({ status: "expired", version: 2 });
    expect(expiryAudits()).toHaveLength(1);
  });

  it("finds lapsed users through the expires_at index, not by reading every active user", () => {
    const query = temp.db.select({ id: users.id }).from(users).where(lapsedActiveUsers(now)).orderBy(users.expiresAt).limit(USER_BATCH).toSQL();
    const plan = temp.db.$client.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.params) as Array<{ detail: string }>;
    expect(plan.map((step) => step.detail)).toEqual([expect.stringContaining("USING INDEX users_expires_at_idx")]);
  });

  it("expires at most `limit` users per call, the longest lapsed first, and the rest on the next", () => {
    const ids = [-5, -1, -4, -2, -3].map((minutes, index) => make(`lapsed-${index}`, { expiresAt: at(minutes * 60_000) }));
    expect(expireUsers(temp.db, now, { limit: 2 }).map((user) => user.id)).toEqual([ids[0], ids[2]]);
    expect(expireUsers(temp.db, now, { limit: 2 }).map((user) => user.id).sort()).toEqual([ids[3], ids[4]].sort());
    expect(expireUsers(temp.db, now, { limit: 2 }).map((user) => user.id)).toEqual([ids[1]]);
    expect(expireUsers(temp.db, now, { limit: 2 })).toEqual([]);
    expect(expiryAudits()).toHaveLength(5);
  });

  it("leaves a renewed user alone until the new expiry passes", () => {
    const id = make("renewed", { expiresAt: at(-1) });
    expireUsers(temp.db, now);
    temp.db.update(users).set({ status: "active", expiresAt: at(86_400_000) }).where(eq(users.id, id)).run();
    expect(expireUsers(temp.db, at(1000))).toEqual([]);
    expect(expireUsers(temp.db, at(86_400_000))).toEqual([{ id, username: "renewed" }]);
  });
});

describe("startExpiryJob", () => {
  it("expires a crowd in batches, letting other work run in between", async () => {
    const lapsedAt = at(-60_000).getTime();
    temp.db.$client.exec(`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4500)
      INSERT INTO users (username, uuid, subscription_token, subscription_token_hash, expires_at, created_at, updated_at)
      SELECT 'c' || i, 'uuid-' || i, 't' || i, 'h' || i, ${lapsedAt}, 0, 0 FROM n`);
    const stillActive = () => (temp.db.$client.prepare("SELECT count(*) AS n FROM users WHERE status = 'active'").get() as { n: number }).n;
    const job = startExpiryJob(temp.db, { intervalMs: 60_000, now: () => now });
    try {
      // The first batch ran at start; the rest come after this test's own turn of the event loop.
      expect(stillActive()).toBe(4500 - USER_BATCH);
      await vi.waitFor(() => expect(stillActive()).toBe(0));
    } finally {
      job.stop();
    }
    expect(expiryAudits()).toHaveLength(4500);
  });

  it("runs at start and then every interval, reading the injected clock", () => {
    vi.useFakeTimers();
    let clock = now;
    const first = make("first", { expiresAt: at(-1) });
    const second = make("second", { expiresAt: at(45_000) });
    const job = startExpiryJob(temp.db, { intervalMs: 30_000, now: () => clock });
    try {
      expect(row(first).status).toBe("expired");
      expect(row(second).status).toBe("active");
      clock = at(30_000);
      vi.advanceTimersByTime(30_000);
      expect(row(second).status).toBe("active");
      clock = at(60_000);
      vi.advanceTimersByTime(30_000);
      expect(row(second).status).toBe("expired");
    } finally {
      job.stop();
    }
    clock = at(120_000);
    const late = make("late", { expiresAt: at(90_000) });
    vi.advanceTimersByTime(60_000);
    expect(row(late).status).toBe("active");
  });

  it("logs a failed pass and keeps running", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const closed = openDatabase(temp.file);
    closed.$client.close();
    const job = startExpiryJob(closed, { intervalMs: 30_000, now: () => now });
    job.stop();
    expect(job.runOnce()).toBe(0);
    expect(error).toHaveBeenCalledWith(expect.stringContaining("user expiry pass failed"));
    error.mockRestore();
  });
});
