import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { createUser } from "./create-user";
import { updateUser } from "./update-user";

let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.close());

const row = (id: number) => temp.db.select().from(users).where(eq(users.id, id)).get()!;
const expiry = new Date("2027-01-31T00:00:00Z");

/** The field issues an AppError carries, or a failure if `run` did not throw one. */
function issues(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.details.issues?.map((issue) => issue.field);
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("on hold and reset strategy on users", () => {
  it("creates a user on hold (no expiry yet) with a reset strategy", () => {
    const user = createUser(temp.db, { username: "held", onHoldSeconds: 2_592_000, resetStrategy: "monthly" }, { actor: "cli" });
    expect(user).toMatchObject({ onHoldSeconds: 2_592_000, expiresAt: null, resetStrategy: "monthly" });
  });

  it("refuses a hold together with an expiry date, on create and on PATCH, naming onHoldSeconds", () => {
    expect(issues(() => createUser(temp.db, { username: "both", onHoldSeconds: 60, expiresAt: expiry }, { actor: "cli" }))).toEqual(["onHoldSeconds"]);
    const id = createUser(temp.db, { username: "plain" }, { actor: "cli" }).id;
    expect(issues(() => updateUser(temp.db, { id, patch: { onHoldSeconds: 60, expiresAt: expiry }, actor: "cli" }))).toEqual(["onHoldSeconds"]);
  });

  it.each([
    ["zero", 0],
    ["negative", -5],
    ["fractional", 1.5],
    ["over ten years", 3651 * 86_400],
  ])("refuses a %s hold", (_label, onHoldSeconds) => {
    expect(issues(() => createUser(temp.db, { username: "bad", onHoldSeconds }, { actor: "cli" }))).toEqual(["onHoldSeconds"]);
  });

  it("puts a user without an expiry on hold by PATCH, and refuses it for one with an expiry unless it is cleared too", () => {
    const free = createUser(temp.db, { username: "free" }, { actor: "cli" }).id;
    expect(updateUser(temp.db, { id: free, patch: { onHoldSeconds: 3600 }, actor: "cli" })).toMatchObject({ onHoldSeconds: 3600, expiresAt: null, version: 2 });
    const dated = createUser(temp.db, { username: "dated", expiresAt: expiry }, { actor: "cli" }).id;
    expect(issues(() => updateUser(temp.db, { id: dated, patch: { onHoldSeconds: 3600 }, actor: "cli" }))).toEqual(["onHoldSeconds"]);
    expect(updateUser(temp.db, { id: dated, patch: { onHoldSeconds: 3600, expiresAt: null }, actor: "cli" })).toMatchObject({ onHoldSeconds: 3600, expiresAt: null });
  });

  it("ends the hold when an expiry date is set, and clears it with null", () => {
    const id = createUser(temp.db, { username: "held", onHoldSeconds: 3600 }, { actor: "cli" }).id;
    expect(updateUser(temp.db, { id, patch: { expiresAt: expiry }, actor: "cli" })).toMatchObject({ onHoldSeconds: null, expiresAt: expiry });
    const other = createUser(temp.db, { username: "other", onHoldSeconds: 3600 }, { actor: "cli" }).id;
    updateUser(temp.db, { id: other, patch: { onHoldSeconds: null }, actor: "cli" });
    expect(row(other)).toMatchObject({ onHoldSeconds: null, expiresAt: null });
  });

  it("changes the reset strategy by PATCH and refuses unknown ones", () => {
    const id = createUser(temp.db, { username: "resets" }, { actor: "cli" }).id;
    expect(updateUser(temp.db, { id, patch: { resetStrategy: "weekly" }, actor: "cli" }).resetStrategy).toBe("weekly");
    expect(issues(() => updateUser(temp.db, { id, patch: { resetStrategy: "yearly" }, actor: "cli" }))).toEqual(["resetStrategy"]);
  });
});
