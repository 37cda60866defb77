import { eq, inArray } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { auditLog, users } from "@/lib/db/schema";
import { edgeUserEmail, edgeUsersRevision, listEdgeUsers } from "@/lib/edge/edge-users";
import { AppError } from "@/lib/errors";
import { createUser } from "@/lib/users/create-user";
import { updateUser } from "@/lib/users/update-user";
import { USER_BATCH, startExpiryJob } from "@/lib/users/start-expiry-job";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { RESET_ACTOR, resetDueTraffic, resetUserTraffic } from "./reset-traffic";

let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.close());

const DAY = 86_400_000;
const row = (id: number) => temp.db.select().from(users).where(eq(users.id, id)).get()!;
const resetAudits = () => temp.db.select().from(auditLog).where(eq(auditLog.action, "user.traffic_reset")).all();

/** A user created at `createdAt` with some traffic, optionally over their limit and stored as limited. */
function make(username: string, resetStrategy: string, createdAt: Date, fields: Partial<typeof users.$inferInsert> = {}) {
  const id = createUser(temp.db, { username, resetStrategy }, { actor: "cli" }).id;
  temp.db.update(users).set({ createdAt, uploadBytes: 100, downloadBytes: 900, lifetimeBytes: 1000, ...fields }).where(eq(users.id, id)).run();
  return id;
}
/** The users carry traffic again (a user with none is only renewed by a pass, not reset). */
const used = (...userIds: number[]) => temp.db.update(users).set({ downloadBytes: 10 }).where(inArray(users.id, userIds)).run();
/** The users a pass reset (audited), leaving out the idle ones it only renewed. */
const resetDue = (now: Date, options?: { limit?: number }) => resetDueTraffic(temp.db, now, options).reset;
const ids = (list: Array<{ id: number }>) => list.map((user) => user.id).sort((a, b) => a - b);

describe("resetDueTraffic", () => {
  it("resets daily users at 00:00 UTC, not before, and only once per day", () => {
    const created = new Date("2026-06-01T08:00:00Z");
    const daily = make("daily", "daily", created);
    const never = make("never", "none", created);
    expect(resetDue(new Date("2026-06-01T23:59:59Z"))).toEqual([]);
    expect(ids(resetDue(new Date("2026-06-02T00:00:00Z")))).toEqual([daily]);
    expect(row(daily)).toMatchObject({ uploadBytes: 0, downloadBytes: 0, lifetimeBytes: 1000, trafficResetAt: new Date("2026-06-02T00:00:00Z"), version: 2 });
    expect(row(never)).toMatchObject({ uploadBytes: 100, version: 1 });
    used(daily);
    expect(resetDue(new Date("2026-06-02T12:00:00Z"))).toEqual([]);
    expect(ids(resetDue(new Date("2026-06-03T00:00:30Z")))).toEqual([daily]);
  });

  it("resets weekly users on Monday 00:00 UTC; a user created mid-week waits for the next Monday", () => {
    const early = make("early", "weekly", new Date("2026-05-25T09:00:00Z")); // a Monday, the week before
    const midweek = make("midweek", "weekly", new Date("2026-06-03T09:00:00Z")); // Wednesday
    expect(ids(resetDue(new Date("2026-06-03T10:00:00Z")))).toEqual([early]);
    used(early);
    expect(resetDue(new Date("2026-06-07T23:59:59Z"))).toEqual([]);
    expect(ids(resetDue(new Date("2026-06-08T00:00:00Z")))).toEqual([early, midweek]);
  });

  it("resets monthly users on the 1st 00:00 UTC, across short months and year ends", () => {
    const jan = make("jan", "monthly", new Date("2026-01-31T23:00:00Z"));
    expect(resetDue(new Date("2026-01-31T23:59:59Z"))).toEqual([]);
    expect(ids(resetDue(new Date("2026-02-01T00:00:00Z")))).toEqual([jan]);
    used(jan);
    expect(resetDue(new Date("2026-02-28T23:59:59Z"))).toEqual([]);
    expect(ids(resetDue(new Date("2026-03-01T00:00:00Z")))).toEqual([jan]);
    used(jan);
    const dec = make("dec", "monthly", new Date("2026-12-10T00:00:00Z"));
    expect(ids(resetDue(new Date("2027-01-01T00:00:01Z")))).toEqual([jan, dec]);
  });

  it("re-enables a limited user (audited, edges told), and leaves disabled users disabled", () => {
    const created = new Date("2026-06-01T08:00:00Z");
    const limited = make("limited", "daily", created, { dataLimitBytes: 1000, status: "limited" });
    const disabled = make("disabled", "daily", created, { status: "disabled" });
    const now = new Date("2026-06-02T00:00:10Z");
    const revision = Number(edgeUsersRevision(temp.db));
    expect(listEdgeUsers(temp.db, now).users.map((user) => user.email)).not.toContain(edgeUserEmail(limited));

    resetDue(now);
    expect(row(limited)).toMatchObject({ status: "active", uploadBytes: 0, downloadBytes: 0, version: 2 });
    expect(row(disabled)).toMatchObject({ status: "disabled", uploadBytes: 0 });
    expect(Number(edgeUsersRevision(temp.db))).toBe(revision + 1);
    expect(listEdgeUsers(temp.db, now).users.map((user) => user.email)).toContain(edgeUserEmail(limited));
    expect(resetAudits()).toEqual([
      expect.objectContaining({ actor: RESET_ACTOR, target: `user:${limited}`, details: { username: "limited", reason: "daily", usedBytes: 1000, reenabled: true } }),
      expect.objectContaining({ actor: RESET_ACTOR, target: `user:${disabled}`, details: { username: "disabled", reason: "daily", usedBytes: 1000, reenabled: false } }),
    ]);
  });

  it("counts the last reset, not the creation, once there was one", () => {
    const user = make("user", "monthly", new Date("2026-01-15T00:00:00Z"), { trafficResetAt: new Date("2026-06-01T00:00:05Z") });
    expect(resetDue(new Date("2026-06-20T00:00:00Z"))).toEqual([]);
    expect(ids(resetDue(new Date("2026-07-01T00:00:00Z")))).toEqual([user]);
  });

  it("counts a changed schedule's periods from the change: a new schedule never resets a user at once", () => {
    const id = make("switched", "none", new Date("2026-01-10T00:00:00Z"), { dataLimitBytes: 1000, uploadBytes: 200, downloadBytes: 1000, status: "limited" });
    updateUser(temp.db, { id, patch: { resetStrategy: "monthly" }, actor: "admin:owner", now: new Date("2026-06-15T10:00:00Z") });
    expect(row(id)).toMatchObject({ resetStrategyChangedAt: new Date("2026-06-15T10:00:00Z") });
    expect(resetDue(new Date("2026-06-15T10:00:30Z"))).toEqual([]);
    expect(row(id)).toMatchObject({ status: "limited", uploadBytes: 200, downloadBytes: 1000 });
    expect(ids(resetDue(new Date("2026-07-01T00:00:00Z")))).toEqual([id]);
    expect(row(id)).toMatchObject({ status: "active", uploadBytes: 0, downloadBytes: 0 });
    // A patch that leaves the schedule as it is does not move its start.
    updateUser(temp.db, { id, patch: { note: "vip" }, actor: "admin:owner", now: new Date("2026-07-02T00:00:00Z") });
    expect(row(id).resetStrategyChangedAt).toEqual(new Date("2026-06-15T10:00:00Z"));
  });

  it("renews idle users' periods without resetting, auditing or bumping them; limited ones with no traffic are still re-enabled", () => {
    const created = new Date("2026-06-01T08:00:00Z");
    const idle = make("idle", "daily", created, { uploadBytes: 0, downloadBytes: 0 });
    const idleLimited = make("idle-limited", "daily", created, { uploadBytes: 0, downloadBytes: 0, dataLimitBytes: 0, status: "limited" });
    const busy = make("busy", "daily", created);
    const now = new Date("2026-06-02T00:00:10Z");
    expect(resetDueTraffic(temp.db, now)).toEqual({ reset: [expect.objectContaining({ id: idleLimited }), expect.objectContaining({ id: busy })], renewed: 1 });
    expect(row(idle)).toMatchObject({ trafficResetAt: now, version: 1 });
    expect(row(idleLimited)).toMatchObject({ status: "active", version: 2 });
    expect(resetAudits().map((entry) => entry.target)).toEqual([`user:${idleLimited}`, `user:${busy}`]);
    // Renewed means done for this period: the next pass finds nothing.
    expect(resetDueTraffic(temp.db, new Date("2026-06-02T00:00:40Z"))).toEqual({ reset: [], renewed: 0 });
  });

  it("runs in the expiry job's tick", () => {
    const created = new Date(Date.now() - 3 * DAY);
    const user = make("ticked", "daily", created);
    const job = startExpiryJob(temp.db, { intervalMs: 60_000 });
    job.stop();
    expect(row(user)).toMatchObject({ uploadBytes: 0, downloadBytes: 0 });
  });

  it("resets at most `limit` users per call, and the rest on the next", () => {
    const created = new Date("2026-06-01T08:00:00Z");
    const all = ["user-a", "user-b", "user-c", "user-d", "user-e"].map((name, index) => make(name, index % 2 === 0 ? "daily" : "monthly", created));
    const now = new Date("2026-07-01T00:00:00Z");
    const first = resetDue(now, { limit: 2 });
    expect(first).toHaveLength(2);
    const rest = resetDue(now, { limit: 10 });
    expect(ids([...first, ...rest])).toEqual(all);
    expect(resetDue(now, { limit: 10 })).toEqual([]);
  });

  it("the job resets a crowd in batches, letting other work run in between", async () => {
    const created = Date.now() - 3 * DAY;
    temp.db.$client.exec(`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4500)
      INSERT INTO users (username, uuid, subscription_token, subscription_token_hash, reset_strategy, download_bytes, created_at, updated_at)
      SELECT 'c' || i, 'uuid-' || i, 't' || i, 'h' || i, 'daily', 10, ${created}, ${created} FROM n`);
    const stillDue = () => temp.db.$client.prepare("SELECT count(*) AS n FROM users WHERE download_bytes > 0").get() as { n: number };
    const job = startExpiryJob(temp.db, { intervalMs: 60_000 });
    try {
      expect(stillDue().n).toBe(4500 - USER_BATCH);
      await vi.waitFor(() => expect(stillDue().n).toBe(0));
    } finally {
      job.stop();
    }
    expect(resetAudits()).toHaveLength(4500);
  });

  it("finds nothing due among 100,000 users in the middle of their periods", () => {
    const created = new Date("2026-06-02T01:00:00Z").getTime();
    temp.db.$client.exec(`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
      INSERT INTO users (username, uuid, subscription_token, subscription_token_hash, reset_strategy, created_at, updated_at)
      SELECT 'u' || i, 'uuid-' || i, 't' || i, 'h' || i, CASE i % 4 WHEN 0 THEN 'none' WHEN 1 THEN 'daily' WHEN 2 THEN 'weekly' ELSE 'monthly' END, ${created}, ${created} FROM n`);
    // Its cost is measured by `npm run bench:edge-users` (docs/BENCHMARKS.md), not asserted here.
    expect(resetDueTraffic(temp.db, new Date("2026-06-02T12:00:00Z"))).toEqual({ reset: [], renewed: 0 });
  });
});

describe("resetUserTraffic", () => {
  it("resets one user now with the admin's actor and re-enables them if limited", () => {
    const id = make("manual", "none", new Date("2026-06-01T00:00:00Z"), { dataLimitBytes: 500, status: "limited" });
    const now = new Date("2026-06-05T10:00:00Z");
    expect(resetUserTraffic(temp.db, { id, actor: "admin:owner", now })).toEqual({ id, username: "manual" });
    expect(row(id)).toMatchObject({ status: "active", uploadBytes: 0, downloadBytes: 0, lifetimeBytes: 1000, trafficResetAt: now, version: 2 });
    expect(resetAudits()).toEqual([expect.objectContaining({ actor: "admin:owner", details: { username: "manual", reason: "manual", usedBytes: 1000, reenabled: true } })]);
  });

  it("answers not_found for a user that does not exist", () => {
    expect(() => resetUserTraffic(temp.db, { id: 404, actor: "admin:owner" })).toThrow(AppError);
  });
});
