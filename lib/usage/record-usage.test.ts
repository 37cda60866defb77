import { fork } from "node:child_process";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { auditLog, edgeNodes, edgeUsageReports, users } from "@/lib/db/schema";
import { createEdgeNode } from "@/lib/edge/edge-nodes";
import { edgeUserEmail, edgeUsersRevision, listEdgeUsers } from "@/lib/edge/edge-users";
import { AppError } from "@/lib/errors";
import { createUser } from "@/lib/users/create-user";
import { deleteUser } from "@/lib/users/delete-user";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { resetUserTraffic } from "./reset-traffic";
import { MAX_USAGE_REPORT_AGE_MS, pruneUsageReports, recordUsage, USAGE_ACTOR } from "./record-usage";

let temp: TempDb;
let edgeId: number;
beforeEach(() => {
  temp = createTempDb();
  edgeId = createEdgeNode(temp.db, { name: "edge-1" }, { actor: "cli" }).id;
});
afterEach(() => temp.close());

const now = new Date("2026-06-01T12:00:00Z");
const make = (username: string, fields: Record<string, unknown> = {}) => createUser(temp.db, { username, ...fields }, { actor: "cli" }).id;
const row = (id: number) => temp.db.select().from(users).where(eq(users.id, id)).get()!;
const audits = (action: string) => temp.db.select().from(auditLog).where(eq(auditLog.action, action)).all();
const entry = (id: number, uplinkBytes: number, downlinkBytes: number) => ({ email: edgeUserEmail(id), uplinkBytes, downlinkBytes });
const report = (reportId: string, entries: ReturnType<typeof entry>[], options: { edge?: number; at?: Date; readAt?: Date } = {}) =>
  recordUsage(temp.db, { edgeId: options.edge ?? edgeId, report: { reportId, users: entries, readAt: options.readAt?.toISOString() }, now: options.at ?? now });
const minutes = (count: number) => count * 60_000;
const shift = (date: Date, ms: number) => new Date(date.getTime() + ms);

describe("recordUsage", () => {
  it("adds each user's deltas to upload, download and lifetime traffic and notes when they were online", () => {
    const alice = make("alice");
    const bob = make("bob");
    expect(report("report-0001", [entry(alice, 100, 2000), entry(bob, 0, 0)])).toEqual({ reportId: "report-0001", duplicate: false, counted: 2 });
    expect(row(alice)).toMatchObject({ uploadBytes: 100, downloadBytes: 2000, lifetimeBytes: 2100, onlineAt: now, version: 1 });
    // A zero entry is counted (the user exists) but says nothing about being online.
    expect(row(bob)).toMatchObject({ uploadBytes: 0, downloadBytes: 0, lifetimeBytes: 0, onlineAt: null });
  });

  it("counts a duplicated report once: the retry answers duplicate and changes nothing", () => {
    const alice = make("alice");
    expect(report("retry-me-1", [entry(alice, 10, 20)])).toMatchObject({ duplicate: false, counted: 1 });
    expect(report("retry-me-1", [entry(alice, 10, 20)], { at: new Date(now.getTime() + 5000) })).toEqual({ reportId: "retry-me-1", duplicate: true, counted: 0 });
    expect(row(alice)).toMatchObject({ uploadBytes: 10, downloadBytes: 20, lifetimeBytes: 30, onlineAt: now });
  });

  it("counts out-of-order reports (B before A) each once, and the same id from two edges as two reports", () => {
    const alice = make("alice");
    const other = createEdgeNode(temp.db, { name: "edge-2" }, { actor: "cli" }).id;
    report("report-B-0002", [entry(alice, 0, 200)]);
    report("report-A-0001", [entry(alice, 0, 100)]);
    report("report-B-0002", [entry(alice, 0, 200)]);
    report("report-A-0001", [entry(alice, 0, 100)]);
    report("report-A-0001", [entry(alice, 0, 1000)], { edge: other });
    expect(row(alice).downloadBytes).toBe(1300);
  });

  it("keeps each edge's own total of what it reported, duplicates left out, users gone or not", () => {
    const alice = make("alice");
    const other = createEdgeNode(temp.db, { name: "edge-2" }, { actor: "cli" }).id;
    const edgeRow = (id: number) => temp.db.select({ bytes: edgeNodes.reportedBytes, at: edgeNodes.lastReportAt }).from(edgeNodes).where(eq(edgeNodes.id, id)).get();
    expect(edgeRow(edgeId)).toEqual({ bytes: 0, at: null });
    report("edge-one-01", [entry(alice, 10, 20), entry(999, 1, 2), { email: "someone@else", uplinkBytes: 50, downlinkBytes: 50 }]);
    report("edge-one-01", [entry(alice, 10, 20)], { at: shift(now, 1000) });
    report("edge-one-02", [], { at: shift(now, 2000) });
    report("edge-two-01", [entry(alice, 100, 200)], { edge: other });
    // Rotor's users only (a deleted one's traffic too: the edge carried it); the empty report still arrived.
    expect(edgeRow(edgeId)).toEqual({ bytes: 33, at: shift(now, 2000) });
    expect(edgeRow(other)).toEqual({ bytes: 300, at: now });
  });

  it("counts a report posted at the same moment by four processes once", async () => {
    const alice = make("alice");
    const report = JSON.stringify({ reportId: "racing-0001", users: [entry(alice, 5, 7)] });
    const children = Array.from({ length: 4 }, () =>
      fork(path.resolve("test/support/usage-reporter.ts"), [], {
        execArgv: ["--conditions=react-server", "--import", "tsx"],
        env: { ...process.env, DATABASE_FILE: temp.file, EDGE_ID: String(edgeId), REPORT: report },
        stdio: ["ignore", "ignore", "inherit", "ipc"],
      }),
    );
    const ready = children.map((child) => new Promise<void>((resolve) => child.once("message", () => resolve())));
    await Promise.all(ready);
    const answers = children.map((child) => new Promise<{ duplicate: boolean }>((resolve) => child.once("message", (message) => resolve(message as { duplicate: boolean }))));
    for (const child of children) child.send("go");
    const duplicates = (await Promise.all(answers)).map((answer) => answer.duplicate);
    expect(duplicates.filter((duplicate) => !duplicate)).toHaveLength(1);
    expect(row(alice)).toMatchObject({ uploadBytes: 5, downloadBytes: 7, lifetimeBytes: 12 });
  });

  it("counts a report posted concurrently on two connections once (the claim row serialises them)", () => {
    const alice = make("alice");
    const second = openDatabase(temp.file);
    try {
      const body = { reportId: "concurrent-1", users: [entry(alice, 1, 2)] };
      const answers = [recordUsage(temp.db, { edgeId, report: body, now }), recordUsage(second, { edgeId, report: body, now })];
      expect(answers.map((answer) => answer.duplicate).sort()).toEqual([false, true]);
    } finally {
      second.$client.close();
    }
    expect(row(alice)).toMatchObject({ uploadBytes: 1, downloadBytes: 2 });
  });

  it("skips unknown, foreign and deleted users without failing, and sums a user named twice", () => {
    const alice = make("alice");
    const gone = make("gone");
    deleteUser(temp.db, { id: gone, actor: "cli" });
    const answer = report("mixed-0001", [entry(alice, 1, 1), entry(alice, 2, 2), entry(gone, 5, 5), entry(999_999, 5, 5), { email: "someone@else", uplinkBytes: 5, downlinkBytes: 5 }]);
    expect(answer).toEqual({ reportId: "mixed-0001", duplicate: false, counted: 2 });
    expect(row(alice)).toMatchObject({ uploadBytes: 3, downloadBytes: 3 });
    expect(temp.db.select().from(edgeUsageReports).all()).toHaveLength(1);
  });

  it("stores limited on crossing the limit: version bumped, audited, gone from the edges' list, edge revision bumped", () => {
    const alice = make("alice", { dataLimitBytes: 1000 });
    const bob = make("bob", { dataLimitBytes: 1000 });
    report("under-0001", [entry(alice, 400, 500)]);
    expect(row(alice)).toMatchObject({ status: "active", version: 1 });
    const revision = Number(edgeUsersRevision(temp.db));
    expect(listEdgeUsers(temp.db, now).users.map((user) => user.email)).toContain(edgeUserEmail(alice));

    report("cross-0002", [entry(alice, 0, 100), entry(bob, 1, 1)]);
    expect(row(alice)).toMatchObject({ status: "limited", version: 2, updatedAt: now, uploadBytes: 400, downloadBytes: 600 });
    expect(row(bob)).toMatchObject({ status: "active", version: 1 });
    expect(audits("user.limited")).toEqual([
      expect.objectContaining({ actor: USAGE_ACTOR, target: `user:${alice}`, details: { username: "alice", usedBytes: 1000, dataLimitBytes: 1000 } }),
    ]);
    expect(Number(edgeUsersRevision(temp.db))).toBe(revision + 1);
    expect(listEdgeUsers(temp.db, now).users.map((user) => user.email)).not.toContain(edgeUserEmail(alice));

    // More traffic (reports already in flight) leaves the stored status and the audit alone.
    report("after-0003", [entry(alice, 10, 10)]);
    expect(row(alice)).toMatchObject({ status: "limited", version: 2, uploadBytes: 410 });
    expect(audits("user.limited")).toHaveLength(1);
  });

  it("does not mark disabled or expired users limited (their own status says why they are off)", () => {
    const disabled = make("disabled", { dataLimitBytes: 10, status: "disabled" });
    const lapsed = make("lapsed", { dataLimitBytes: 10, expiresAt: new Date(now.getTime() - 1000) });
    report("others-0001", [entry(disabled, 50, 50), entry(lapsed, 50, 50)]);
    expect(row(disabled).status).toBe("disabled");
    expect(row(lapsed).status).toBe("active");
    expect(audits("user.limited")).toEqual([]);
  });

  it("starts an on-hold user's expiry at their first traffic, once", () => {
    const held = make("held", { onHoldSeconds: 86_400 });
    report("idle-0001", [entry(held, 0, 0)]);
    expect(row(held)).toMatchObject({ onHoldSeconds: 86_400, expiresAt: null, version: 1 });

    report("first-0002", [entry(held, 10, 0)]);
    const expiresAt = new Date(now.getTime() + 86_400_000);
    expect(row(held)).toMatchObject({ onHoldSeconds: null, expiresAt, version: 2 });
    expect(audits("user.on_hold_started")).toEqual([
      expect.objectContaining({ actor: USAGE_ACTOR, target: `user:${held}`, details: { username: "held", expiresAt: expiresAt.toISOString() } }),
    ]);

    report("later-0003", [entry(held, 10, 0)], { at: new Date(now.getTime() + 3_600_000) });
    expect(row(held)).toMatchObject({ expiresAt, version: 2 });
    expect(audits("user.on_hold_started")).toHaveLength(1);
  });

  it("keeps traffic read before a user's reset out of the new period: it counts toward their lifetime only", () => {
    const alice = make("alice", { dataLimitBytes: 1000 });
    report("before-0001", [entry(alice, 600, 600)], { readAt: shift(now, -minutes(5)) });
    expect(row(alice)).toMatchObject({ status: "limited", lifetimeBytes: 1200 });
    resetUserTraffic(temp.db, { id: alice, actor: "cli", now });
    expect(row(alice)).toMatchObject({ status: "active", uploadBytes: 0, downloadBytes: 0 });

    // Read a second before the reset, arriving after it (a slow post, a backlog): not this period's.
    report("late-00002", [entry(alice, 700, 700)], { readAt: shift(now, -1000), at: shift(now, minutes(1)) });
    expect(row(alice)).toMatchObject({ status: "active", uploadBytes: 0, downloadBytes: 0, lifetimeBytes: 2600 });
    // Read after it: counted in the period as usual, and it can limit again.
    report("after-0003", [entry(alice, 10, 20)], { readAt: shift(now, 1000), at: shift(now, minutes(1)) });
    expect(row(alice)).toMatchObject({ status: "active", uploadBytes: 10, downloadBytes: 20, lifetimeBytes: 2630 });
    report("after-0004", [entry(alice, 500, 500)], { readAt: shift(now, minutes(2)), at: shift(now, minutes(2)) });
    expect(row(alice)).toMatchObject({ status: "limited", uploadBytes: 510, downloadBytes: 520 });
  });

  it("dates online and the start of an on-hold expiry by the read time, never later than arrival nor backwards", () => {
    const alice = make("alice");
    const held = make("held", { onHoldSeconds: 86_400 });
    report("backlog-01", [entry(alice, 1, 1), entry(held, 1, 1)], { readAt: shift(now, -minutes(30)) });
    expect(row(alice).onlineAt).toEqual(shift(now, -minutes(30)));
    expect(row(held).expiresAt).toEqual(shift(now, 86_400_000 - minutes(30)));
    // An older backlog report arriving after a newer one leaves onlineAt where it was.
    report("backlog-00", [entry(alice, 1, 1)], { readAt: shift(now, -minutes(40)) });
    expect(row(alice).onlineAt).toEqual(shift(now, -minutes(30)));
    // An edge clock running ahead is taken as now.
    report("future-001", [entry(alice, 1, 1)], { readAt: shift(now, minutes(10)) });
    expect(row(alice)).toMatchObject({ onlineAt: now, uploadBytes: 3 });
  });

  it("refuses a report read so long ago that its id may be forgotten, counting nothing and keeping no id", () => {
    const alice = make("alice");
    const old = shift(now, -MAX_USAGE_REPORT_AGE_MS - 1000);
    expect(() => report("ancient-01", [entry(alice, 5, 5)], { readAt: old })).toThrow(/reports read more than 6 days ago are refused/);
    expect(row(alice)).toMatchObject({ uploadBytes: 0, lifetimeBytes: 0 });
    expect(temp.db.select().from(edgeUsageReports).all()).toEqual([]);
    expect(report("recent-001", [entry(alice, 5, 5)], { readAt: shift(now, -MAX_USAGE_REPORT_AGE_MS + 1000) }).counted).toBe(1);
  });

  it.each([
    ["no reportId", { users: [] }, "reportId"],
    ["a short reportId", { reportId: "short", users: [] }, "reportId"],
    ["a reportId with a slash", { reportId: "report/0001", users: [] }, "reportId"],
    ["negative bytes", { reportId: "report-0001", users: [{ email: "user-1@rotor", uplinkBytes: -1, downlinkBytes: 0 }] }, "users.0.uplinkBytes"],
    ["fractional bytes", { reportId: "report-0001", users: [{ email: "user-1@rotor", uplinkBytes: 0, downlinkBytes: 1.5 }] }, "users.0.downlinkBytes"],
    ["unsafe integers", { reportId: "report-0001", users: [{ email: "user-1@rotor", uplinkBytes: 2 ** 53, downlinkBytes: 0 }] }, "users.0.uplinkBytes"],
    ["an unknown field", { reportId: "report-0001", users: [], extra: 1 }, "(input)"],
    ["a readAt that is not a date-time", { reportId: "report-0001", users: [], readAt: "yesterday" }, "readAt"],
    ["a readAt without a zone", { reportId: "report-0001", users: [], readAt: "2026-06-01T12:00:00" }, "readAt"],
    ["too many entries", { reportId: "report-0001", users: Array.from({ length: 10_001 }, () => ({ email: "user-1@rotor", uplinkBytes: 0, downlinkBytes: 0 })) }, "users"],
  ])("refuses %s with a field issue and records nothing", (_label, body, field) => {
    let error: unknown;
    try {
      recordUsage(temp.db, { edgeId, report: body, now });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("invalid_request");
    expect((error as AppError).details.issues?.map((issue) => issue.field)).toContain(field);
    expect(temp.db.select().from(edgeUsageReports).all()).toEqual([]);
  });

  it("counts a report of 10,000 users in one transaction, limiting the 1,000 over their limit", () => {
    // Every tenth user has a 5-byte limit, so the report also limits 1,000 users.
    temp.db.$client.exec(`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
      INSERT INTO users (username, uuid, subscription_token, subscription_token_hash, data_limit_bytes, created_at, updated_at)
      SELECT 'bulk-' || i, 'uuid-' || i, 't' || i, 'h' || i, CASE WHEN i % 10 = 0 THEN 5 END, 0, 0 FROM n`);
    const ids = temp.db.select({ id: users.id }).from(users).all().map((user) => user.id);
    // Its cost is measured by `npm run bench:edge-users` (docs/BENCHMARKS.md), not asserted here.
    const answer = report("bulk-00001", ids.map((id) => entry(id, 3, 4)));
    expect(answer).toEqual({ reportId: "bulk-00001", duplicate: false, counted: 10_000 });
    expect(audits("user.limited")).toHaveLength(1000);
  });
});

describe("pruneUsageReports", () => {
  it("forgets report ids older than a week, so an old id would count again", () => {
    const alice = make("alice");
    report("old-report-1", [entry(alice, 1, 0)], { at: new Date(now.getTime() - 8 * 86_400_000) });
    report("new-report-1", [entry(alice, 1, 0)], { at: new Date(now.getTime() - 86_400_000) });
    expect(pruneUsageReports(temp.db, now)).toBe(1);
    expect(temp.db.select({ reportId: edgeUsageReports.reportId }).from(edgeUsageReports).all()).toEqual([{ reportId: "new-report-1" }]);
  });
});
