import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyAdminCredentials } from "@/lib/auth/verify-admin";
import { admins, auditLog } from "@/lib/db/schema";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { countAdmins, ensureFirstAdmin } from "./ensure-first-admin";

describe("ensureFirstAdmin", () => {
  let temp: TempDb;
  beforeEach(() => {
    temp = createTempDb();
  });
  afterEach(() => temp.close());

  it("reports a missing admin when no credentials are given", async () => {
    expect(await ensureFirstAdmin(temp.db, {})).toEqual({ kind: "missing" });
    expect(countAdmins(temp.db)).toBe(0);
  });

  it("creates an owner who can sign in, once", async () => {
    expect(await ensureFirstAdmin(temp.db, { username: "root", password: "first-password" })).toEqual({ kind: "created", username: "root" });
    expect(await ensureFirstAdmin(temp.db, { username: "root", password: "changed-password" })).toEqual({ kind: "exists" });
    expect(temp.db.select().from(admins).all()).toMatchObject([{ username: "root", role: "owner" }]);
    expect(await verifyAdminCredentials(temp.db, "root", "first-password")).toMatchObject({ username: "root", role: "owner" });
    expect(await verifyAdminCredentials(temp.db, "root", "changed-password")).toBeNull();
    expect(temp.db.select().from(auditLog).get()).toMatchObject({ actor: "system:bootstrap", action: "admin.create" });
  });

  it("refuses a weak password without creating anyone", async () => {
    await expect(ensureFirstAdmin(temp.db, { username: "root", password: "short" })).rejects.toThrow("password: must be at least 8 characters");
    expect(countAdmins(temp.db)).toBe(0);
  });
});

describe("verifyAdminCredentials", () => {
  let temp: TempDb;
  beforeEach(async () => {
    temp = createTempDb();
    await ensureFirstAdmin(temp.db, { username: "root", password: "first-password" });
  });
  afterEach(() => temp.close());

  it("records the time of a successful sign-in only", async () => {
    expect(await verifyAdminCredentials(temp.db, "root", "wrong-password")).toBeNull();
    expect(temp.db.select().from(admins).get()?.lastLoginAt).toBeNull();
    await verifyAdminCredentials(temp.db, "root", "first-password");
    expect(temp.db.select().from(admins).get()?.lastLoginAt).toBeInstanceOf(Date);
  });

  it("answers null for an unknown username", async () => {
    expect(await verifyAdminCredentials(temp.db, "nobody", "first-password")).toBeNull();
  });
});
