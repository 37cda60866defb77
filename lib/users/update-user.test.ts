import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog, users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { createUser } from "./create-user";
import { updateUser } from "./update-user";

let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.close());

const later = new Date("2030-01-01T00:00:00Z");
const row = (id: number) => temp.db.select().from(users).where(eq(users.id, id)).get()!;
const audits = () => temp.db.select().from(auditLog).where(eq(auditLog.action, "user.update")).all();
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, issues: error.details.issues };
    throw error;
  }
  throw new Error("expected a refusal");
};

describe("updateUser", () => {
  it("writes only the fields sent, bumps version and updatedAt, and audits old and new values", () => {
    const user = createUser(temp.db, { username: "alice", dataLimitBytes: 5e9, note: "vip" }, { actor: "cli" });
    const updated = updateUser(temp.db, { id: user.id, patch: { dataLimitBytes: 50e9, expiresAt: new Date("2026-12-31T23:59:59Z") }, actor: "admin:root", now: later });
    expect(updated).toMatchObject({ username: "alice", note: "vip", dataLimitBytes: 50e9, version: 2, updatedAt: later });
    expect(row(user.id)).toEqual(updated);
    expect(audits()).toMatchObject([
      {
        actor: "admin:root",
        target: `user:${user.id}`,
        details: { username: "alice", changes: { dataLimitBytes: { from: 5e9, to: 50e9 }, expiresAt: { from: null, to: "2026-12-31T23:59:59.000Z" } } },
      },
    ]);
  });

  it("clears a limit and an expiry with null, and renames", () => {
    const user = createUser(temp.db, { username: "bob", dataLimitBytes: 1e9, expiresAt: new Date("2027-01-01T00:00:00Z") }, { actor: "cli" });
    expect(updateUser(temp.db, { id: user.id, patch: { dataLimitBytes: null, expiresAt: null, username: "bobby" }, actor: "api:ops" })).toMatchObject({
      username: "bobby",
      dataLimitBytes: null,
      expiresAt: null,
      version: 2,
    });
  });

  it("changes nothing, not even the version, when every value sent equals the stored one", () => {
    const user = createUser(temp.db, { username: "carol", expiresAt: new Date("2027-01-01T00:00:00Z") }, { actor: "cli" });
    const same = updateUser(temp.db, { id: user.id, patch: { username: "carol", expiresAt: new Date("2027-01-01T00:00:00Z"), note: "" }, actor: "admin:root" });
    expect(same.version).toBe(1);
    expect(updateUser(temp.db, { id: user.id, patch: {}, actor: "admin:root" }).version).toBe(1);
    expect(audits()).toEqual([]);
  });

  it("refuses bad fields, unknown fields, a taken name and an unknown id", () => {
    const user = createUser(temp.db, { username: "dave" }, { actor: "cli" });
    createUser(temp.db, { username: "erin" }, { actor: "cli" });
    expect(refusal(() => updateUser(temp.db, { id: user.id, patch: { username: "no spaces", dataLimitBytes: 0 }, actor: "t" }))).toMatchObject({
      code: "invalid_request",
      issues: [{ field: "username" }, { field: "dataLimitBytes", message: "must be more than 0 (leave it empty for unlimited)" }],
    });
    expect(refusal(() => updateUser(temp.db, { id: user.id, patch: { uuid: "x" }, actor: "t" }))).toMatchObject({ code: "invalid_request" });
    expect(refusal(() => updateUser(temp.db, { id: user.id, patch: { username: "erin" }, actor: "t" }))).toEqual({
      code: "conflict",
      issues: [{ field: "username", message: "is already taken" }],
    });
    expect(refusal(() => updateUser(temp.db, { id: 999, patch: { note: "x" }, actor: "t" }))).toMatchObject({ code: "not_found" });
    expect(refusal(() => updateUser(temp.db, { id: "abc", patch: {}, actor: "t" }))).toMatchObject({ code: "invalid_request" });
    expect(row(user.id).version).toBe(1);
    expect(audits()).toEqual([]);
  });
});

describe("updateUser and the data limit", () => {
  const used = (id: number, bytes: number, status: "active" | "limited") => temp.db.update(users).set({ downloadBytes: bytes, status }).where(eq(users.id, id)).run();

  it("re-enables a limited user whose limit is raised above their traffic or removed", () => {
    const raised = createUser(temp.db, { username: "raised", dataLimitBytes: 100 }, { actor: "cli" }).id;
    const removed = createUser(temp.db, { username: "removed", dataLimitBytes: 100 }, { actor: "cli" }).id;
    used(raised, 100, "limited");
    used(removed, 100, "limited");
    expect(updateUser(temp.db, { id: raised, patch: { dataLimitBytes: 1000 }, actor: "admin:root" }).status).toBe("active");
    expect(updateUser(temp.db, { id: removed, patch: { dataLimitBytes: null }, actor: "admin:root" }).status).toBe("active");
    expect(audits()[0]!.details).toMatchObject({ changes: { dataLimitBytes: { from: 100, to: 1000 }, status: { from: "limited", to: "active" } } });
    // A raise that still leaves them over keeps them limited.
    const still = createUser(temp.db, { username: "still", dataLimitBytes: 100 }, { actor: "cli" }).id;
    used(still, 500, "limited");
    expect(updateUser(temp.db, { id: still, patch: { dataLimitBytes: 200 }, actor: "admin:root" }).status).toBe("limited");
  });

  it("stores limited when an active user's limit is lowered to their traffic, unless the patch sets a status itself", () => {
    const lowered = createUser(temp.db, { username: "lowered" }, { actor: "cli" }).id;
    used(lowered, 500, "active");
    expect(updateUser(temp.db, { id: lowered, patch: { dataLimitBytes: 500 }, actor: "admin:root" }).status).toBe("limited");
    const disabled = createUser(temp.db, { username: "disabled" }, { actor: "cli" }).id;
    used(disabled, 500, "active");
    expect(updateUser(temp.db, { id: disabled, patch: { dataLimitBytes: 10, status: "disabled" }, actor: "admin:root" }).status).toBe("disabled");
  });
});
