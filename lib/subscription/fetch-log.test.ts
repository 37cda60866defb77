import Database from "better-sqlite3";
import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { subscriptionFetches, users } from "@/lib/db/schema";
import { createUser } from "@/lib/users/create-user";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { FETCHES_KEPT_PER_USER, FetchLog } from "./fetch-log";

describe("FetchLog", () => {
  let temp: TempDb;
  let fetchLog: FetchLog;
  let userId: number;

  beforeEach(() => {
    temp = createTempDb();
    // A long interval: the test decides when to flush.
    fetchLog = new FetchLog(temp.db, 3_600_000);
    userId = createUser(temp.db, { username: "alice" }, { actor: "test" }).id;
  });
  afterEach(() => {
    fetchLog.stop();
    temp.close();
  });

  const rows = () => temp.db.select().from(subscriptionFetches).where(eq(subscriptionFetches.userId, userId)).orderBy(asc(subscriptionFetches.id)).all();

  it("drops the fetches of a user deleted before the flush, and keeps logging everyone else's", () => {
    const bob = createUser(temp.db, { username: "bob" }, { actor: "test" }).id;
    fetchLog.record({ userId: bob, at: new Date("2026-01-01T00:00:00Z"), userAgent: "v2rayNG/1.9", ip: "203.0.113.1", format: "base64" });
    fetchLog.record({ userId, at: new Date("2026-01-01T00:00:01Z"), userAgent: "v2rayNG/1.9", ip: "203.0.113.1", format: "base64" });
    temp.db.delete(users).where(eq(users.id, bob)).run();
    fetchLog.flush();
    expect(rows().map((row) => row.format)).toEqual(["base64"]);
    fetchLog.record({ userId, at: new Date("2026-01-01T00:00:02Z"), userAgent: "Clash/1.18", ip: "203.0.113.1", format: "clash" });
    fetchLog.flush();
    expect(rows().map((row) => row.format)).toEqual(["base64", "clash"]);
    expect(temp.db.select().from(subscriptionFetches).where(eq(subscriptionFetches.userId, bob)).all()).toEqual([]);
  });

  it("writes nothing until it flushes, then the fetches and the user's last fetch", () => {
    fetchLog.record({ userId, at: new Date("2026-01-01T00:00:00Z"), userAgent: "v2rayNG/1.9", ip: "203.0.113.1", format: "base64" });
    fetchLog.record({ userId, at: new Date("2026-01-01T00:01:00Z"), userAgent: "Clash/1.18", ip: "203.0.113.2", format: "clash" });
    expect(rows()).toEqual([]);
    fetchLog.flush();
    expect(rows().map((row) => row.format)).toEqual(["base64", "clash"]);
    expect(temp.db.select().from(users).where(eq(users.id, userId)).get()).toMatchObject({
      lastFetchAt: new Date("2026-01-01T00:01:00Z"),
      lastFetchUserAgent: "Clash/1.18",
      lastFetchIp: "203.0.113.2",
      version: 1,
    });
  });

  it("writes what is queued when it stops", () => {
    fetchLog.record({ userId, at: new Date(), userAgent: "v2rayN/7.10", ip: "203.0.113.3", format: "base64" });
    fetchLog.stop();
    expect(rows().map((row) => row.userAgent)).toEqual(["v2rayN/7.10"]);
  });

  it(`keeps only the newest ${FETCHES_KEPT_PER_USER} fetches per user`, () => {
    for (let index = 0; index < 45; index += 1) {
      fetchLog.record({ userId, at: new Date(Date.UTC(2026, 0, 1, 0, index)), userAgent: `ua-${index}`, ip: "203.0.113.1", format: "base64" });
    }
    fetchLog.flush();
    const kept = rows();
    expect(kept).toHaveLength(FETCHES_KEPT_PER_USER);
    expect(kept[0]?.userAgent).toBe("ua-25");
    expect(kept.at(-1)?.userAgent).toBe("ua-44");
  });

  it("keeps its queue when the database is locked, and writes it on the next flush", () => {
    const blocker = temp.db.$client;
    blocker.pragma("busy_timeout = 0");
    const other = new Database(temp.file);
    other.exec("BEGIN IMMEDIATE");
    fetchLog.record({ userId, at: new Date(), userAgent: "ua", ip: "203.0.113.1", format: "links" });
    fetchLog.flush();
    expect(rows()).toEqual([]);
    other.exec("COMMIT");
    other.close();
    fetchLog.flush();
    expect(rows()).toHaveLength(1);
  });
});
