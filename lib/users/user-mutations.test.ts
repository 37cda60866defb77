import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog, subscriptionFetches, users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { sha256Hex } from "@/lib/util/tokens";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { createUser } from "./create-user";
import { deleteUser } from "./delete-user";
import { extendUserExpiry } from "./extend-user-expiry";
import { findUser, getUser, listUserFetches } from "./get-user";
import { resetUserToken } from "./reset-user-token";
import { setUserStatus } from "./set-user-status";

let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.close());

const DAY = 86_400_000;
const now = new Date("2026-06-01T00:00:00Z");
const row = (id: number) => temp.db.select().from(users).where(eq(users.id, id)).get();
const audits = (action: string) => temp.db.select().from(auditLog).where(eq(auditLog.action, action)).all();
const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return "no error";
};

describe("setUserStatus", () => {
  it("disables and enables, bumping the version once per real change and auditing it", () => {
    const { id } = createUser(temp.db, { username: "alice" }, { actor: "cli" });
    expect(setUserStatus(temp.db, { id, enabled: false, actor: "admin:root", now })).toEqual({ id, username: "alice", changed: true });
    expect(row(id)).toMatchObject({ status: "disabled", version: 2, updatedAt: now });
    expect(setUserStatus(temp.db, { id, enabled: false, actor: "admin:root" }).changed).toBe(false);
    expect(row(id)?.version).toBe(2);
    setUserStatus(temp.db, { id, enabled: true, actor: "admin:root" });
    expect(row(id)).toMatchObject({ status: "active", version: 3 });
    expect(audits("user.disable")).toMatchObject([{ actor: "admin:root", target: `user:${id}`, details: { username: "alice", from: "active" } }]);
    expect(audits("user.enable")).toMatchObject([{ details: { from: "disabled" } }]);
  });

  it("answers not_found for an unknown user", () => {
    expect(codeOf(() => setUserStatus(temp.db, { id: 42, enabled: false, actor: "t" }))).toBe("not_found");
  });
});

describe("resetUserToken", () => {
  it("replaces the token and its hash, bumps the version, and audits without the token", () => {
    const user = createUser(temp.db, { username: "bob" }, { actor: "cli" });
    resetUserToken(temp.db, { id: user.id, actor: "admin:root", now });
    const after = row(user.id)!;
    expect(after.subscriptionToken).not.toBe(user.subscriptionToken);
    expect(after.subscriptionToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(after.subscriptionTokenHash).toBe(sha256Hex(after.subscriptionToken));
    expect(after).toMatchObject({ version: 2, updatedAt: now, uuid: user.uuid });
    // /sub finds users by the hash: the old one now finds no one.
    expect(temp.db.select().from(users).where(eq(users.subscriptionTokenHash, user.subscriptionTokenHash)).all()).toEqual([]);
    const [entry] = audits("user.reset_token");
    expect(entry).toMatchObject({ actor: "admin:root", target: `user:${user.id}`, details: { username: "bob" } });
    expect(JSON.stringify(entry)).not.toContain(after.subscriptionToken);
    expect(codeOf(() => resetUserToken(temp.db, { id: 999, actor: "t" }))).toBe("not_found");
  });
});

describe("deleteUser", () => {
  it("deletes the user with their fetch history and audits the name", () => {
    const user = createUser(temp.db, { username: "carol" }, { actor: "cli" });
    const other = createUser(temp.db, { username: "dave" }, { actor: "cli" });
    temp.db.insert(subscriptionFetches).values([
      { userId: user.id, format: "base64", userAgent: "v2rayNG/1.9", ip: "203.0.113.1" },
      { userId: user.id, format: "clash", userAgent: "mihomo", ip: "203.0.113.1" },
      { userId: other.id, format: "base64" },
    ]).run();
    expect(deleteUser(temp.db, { id: user.id, actor: "admin:root" })).toEqual({ id: user.id, username: "carol" });
    expect(row(user.id)).toBeUndefined();
    expect(temp.db.select({ userId: subscriptionFetches.userId }).from(subscriptionFetches).all()).toEqual([{ userId: other.id }]);
    expect(audits("user.delete")).toMatchObject([{ target: `user:${user.id}`, details: { username: "carol" } }]);
    expect(codeOf(() => deleteUser(temp.db, { id: user.id, actor: "t" }))).toBe("not_found");
  });
});

describe("extendUserExpiry", () => {
  it("extends a future expiry from itself, a lapsed one from now, and lifts a stored expired status", () => {
    const future = createUser(temp.db, { username: "erin", expiresAt: new Date(now.getTime() + 10 * DAY) }, { actor: "cli" });
    const lapsed = createUser(temp.db, { username: "frank", status: "expired", expiresAt: new Date(now.getTime() - 10 * DAY) }, { actor: "cli" });
    expect(extendUserExpiry(temp.db, { id: future.id, days: 30, actor: "admin:root", now })).toMatchObject({ extended: true, expiresAt: new Date(now.getTime() + 40 * DAY) });
    expect(extendUserExpiry(temp.db, { id: lapsed.id, days: "7", actor: "admin:root", now }).expiresAt).toEqual(new Date(now.getTime() + 7 * DAY));
    expect(row(lapsed.id)).toMatchObject({ status: "active", version: 2 });
    expect(audits("user.extend")).toMatchObject([
      { target: `user:${future.id}`, details: { days: 30, from: "2026-06-11T00:00:00.000Z", to: "2026-07-11T00:00:00.000Z" } },
      { target: `user:${lapsed.id}` },
    ]);
  });

  it("leaves a user who never expires alone, and refuses a bad number of days", () => {
    const user = createUser(temp.db, { username: "grace" }, { actor: "cli" });
    expect(extendUserExpiry(temp.db, { id: user.id, days: 30, actor: "t" })).toMatchObject({ extended: false, expiresAt: null });
    expect(row(user.id)?.version).toBe(1);
    expect(codeOf(() => extendUserExpiry(temp.db, { id: user.id, days: 0, actor: "t" }))).toBe("invalid_request");
    expect(codeOf(() => extendUserExpiry(temp.db, { id: user.id, days: 3651, actor: "t" }))).toBe("invalid_request");
  });
});

describe("getUser, findUser and listUserFetches", () => {
  it("finds users by id, and lists fetches newest first", () => {
    const user = createUser(temp.db, { username: "heidi" }, { actor: "cli" });
    expect(getUser(temp.db, String(user.id)).username).toBe("heidi");
    for (const id of ["nope", "1e0", "0x1", " 1", "-1", "0", 1.5, null]) expect(findUser(temp.db, id), String(id)).toBeUndefined();
    expect(findUser(temp.db, 999)).toBeUndefined();
    expect(codeOf(() => getUser(temp.db, 999))).toBe("not_found");
    temp.db.insert(subscriptionFetches).values([
      { userId: user.id, at: new Date(now.getTime() - DAY), format: "base64" },
      { userId: user.id, at: now, format: "clash" },
      { userId: user.id, at: new Date(now.getTime() - 2 * DAY), format: "singbox" },
    ]).run();
    expect(listUserFetches(temp.db, user.id).map((fetch) => fetch.format)).toEqual(["clash", "base64", "singbox"]);
    expect(listUserFetches(temp.db, user.id, { limit: 1 })).toHaveLength(1);
  });
});
