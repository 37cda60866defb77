import { eq, inArray } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog, subscriptionFetches, users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { bulkUpdateUsers } from "./bulk-update-users";
import { createUser } from "./create-user";
import { BULK_LIMIT } from "./schema";

let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
  made = 0;
});
afterEach(() => temp.close());

const DAY = 86_400_000;
const now = new Date("2026-06-01T00:00:00Z");
let made = 0;
const make = (count: number, fields: Record<string, unknown> = {}) =>
  Array.from({ length: count }, () => createUser(temp.db, { username: `user-${made++}`, ...fields }, { actor: "cli" }).id);
const rows = (ids: number[]) => temp.db.select().from(users).where(inArray(users.id, ids)).orderBy(users.id).all();
const bulkAudits = () => temp.db.select().from(auditLog).all().filter((entry) => entry.action.startsWith("user.bulk_"));
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, issues: error.details.issues };
    throw error;
  }
  throw new Error("expected a refusal");
};

describe("bulkUpdateUsers", () => {
  it("disables and enables many users in one audited step, skipping those already so and unknown ids", () => {
    const ids = make(3);
    const first = bulkUpdateUsers(temp.db, { action: "disable", ids: [ids[0], ids[1]] }, { actor: "admin:root", now });
    expect(first).toEqual({ action: "disable", requested: 2, changedIds: [ids[0], ids[1]] });
    const second = bulkUpdateUsers(temp.db, { action: "disable", ids: [...ids, 999, ids[0]] }, { actor: "admin:root", now });
    expect(second).toEqual({ action: "disable", requested: 4, changedIds: [ids[2]] });
    expect(rows(ids).map((user) => [user.status, user.version])).toEqual([["disabled", 2], ["disabled", 2], ["disabled", 2]]);
    bulkUpdateUsers(temp.db, { action: "enable", ids: ids.map(String) }, { actor: "admin:root" });
    expect(rows(ids).map((user) => [user.status, user.version])).toEqual([["active", 3], ["active", 3], ["active", 3]]);
    expect(bulkAudits().map((entry) => [entry.actor, entry.action, entry.target, entry.details])).toEqual([
      ["admin:root", "user.bulk_disable", "users", { requested: 2, ids: [ids[0], ids[1]] }],
      ["admin:root", "user.bulk_disable", "users", { requested: 4, ids: [ids[2]] }],
      ["admin:root", "user.bulk_enable", "users", { requested: 3, ids }],
    ]);
  });

  it("takes up to 1,000 ids in one request and refuses 1,001 or none, changing nothing", () => {
    const ids = make(BULK_LIMIT + 1);
    expect(refusal(() => bulkUpdateUsers(temp.db, { action: "disable", ids }, { actor: "t" }))).toEqual({
      code: "invalid_request",
      issues: [{ field: "ids", message: "select at most 1,000 users at a time" }],
    });
    expect(refusal(() => bulkUpdateUsers(temp.db, { action: "disable", ids: [] }, { actor: "t" }))).toMatchObject({ issues: [{ field: "ids", message: "select at least one user" }] });
    expect(bulkAudits()).toEqual([]);
    const result = bulkUpdateUsers(temp.db, { action: "disable", ids: ids.slice(0, BULK_LIMIT) }, { actor: "t" });
    expect(result.changedIds).toHaveLength(BULK_LIMIT);
    expect(temp.db.select().from(users).where(eq(users.status, "disabled")).all()).toHaveLength(BULK_LIMIT);
  });

  it("deletes users and their fetches, recording the names that are gone", () => {
    const ids = make(3);
    temp.db.insert(subscriptionFetches).values(ids.map((userId) => ({ userId, format: "base64" }))).run();
    const result = bulkUpdateUsers(temp.db, { action: "delete", ids: [ids[0], ids[2]] }, { actor: "admin:root" });
    expect(result.changedIds).toEqual([ids[0], ids[2]]);
    expect(rows(ids).map((user) => user.id)).toEqual([ids[1]]);
    expect(temp.db.select({ userId: subscriptionFetches.userId }).from(subscriptionFetches).all()).toEqual([{ userId: ids[1] }]);
    expect(bulkAudits()[0]?.details).toEqual({ requested: 2, ids: [ids[0], ids[2]], usernames: ["user-0", "user-2"] });
  });

  it("gives every user a different new token", () => {
    const ids = make(3);
    const before = rows(ids);
    bulkUpdateUsers(temp.db, { action: "reset_token", ids }, { actor: "admin:root" });
    const after = rows(ids);
    const tokens = new Set([...before, ...after].map((user) => user.subscriptionToken));
    expect(tokens.size).toBe(6);
    expect(after.map((user) => user.version)).toEqual([2, 2, 2]);
  });

  it("extends expiries by N days, leaving users who never expire alone", () => {
    const [soon] = make(1, { expiresAt: new Date(now.getTime() + DAY) });
    const [lapsed] = make(1, { expiresAt: new Date(now.getTime() - DAY), status: "expired" });
    const [never] = make(1);
    const result = bulkUpdateUsers(temp.db, { action: "extend", ids: [soon, lapsed, never], days: "30" }, { actor: "admin:root", now });
    expect(result.changedIds).toEqual([soon, lapsed]);
    expect(rows([soon!, lapsed!, never!]).map((user) => [user.expiresAt?.getTime() ?? null, user.status])).toEqual([
      [now.getTime() + 31 * DAY, "active"],
      [now.getTime() + 30 * DAY, "active"],
      [null, "active"],
    ]);
    expect(bulkAudits()[0]?.details).toEqual({ requested: 3, ids: [soon, lapsed], days: 30 });
    expect(refusal(() => bulkUpdateUsers(temp.db, { action: "extend", ids: [soon] }, { actor: "t" }))).toMatchObject({ issues: [{ field: "days" }] });
  });

  it("refuses an unknown action", () => {
    expect(refusal(() => bulkUpdateUsers(temp.db, { action: "promote", ids: [1] }, { actor: "t" }))).toMatchObject({ code: "invalid_request", issues: [{ field: "action" }] });
  });

  it("rolls the whole request back when any part fails", () => {
    const ids = make(2);
    // A trigger stands in for a failure half-way (a full disk, a constraint): nothing may stay changed.
    temp.db.$client.exec(`CREATE TRIGGER fail_second BEFORE UPDATE ON users WHEN OLD.id = ${ids[1]} BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    expect(() => bulkUpdateUsers(temp.db, { action: "disable", ids }, { actor: "t" })).toThrow(/boom/);
    expect(rows(ids).map((user) => user.status)).toEqual(["active", "active"]);
    expect(bulkAudits()).toEqual([]);
  });
});
