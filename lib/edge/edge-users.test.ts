import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { users } from "@/lib/db/schema";
import { createUser } from "@/lib/users/create-user";
import { deleteUser } from "@/lib/users/delete-user";
import { expireUsers } from "@/lib/users/expire-users";
import { updateUser } from "@/lib/users/update-user";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { edgeUserEmail, edgeUsersRevision, edgeUsersSchema, listEdgeUsers, userIdFromEdgeEmail } from "./edge-users";

let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.close());

const now = new Date("2026-06-01T12:00:00Z");
const make = (username: string, fields: Record<string, unknown> = {}) => createUser(temp.db, { username, ...fields }, { actor: "cli" });
const revision = () => Number(edgeUsersRevision(temp.db));

describe("edge user emails", () => {
  it("round-trip a user id and refuse anything Rotor did not issue", () => {
    expect(edgeUserEmail(42)).toBe("user-42@rotor");
    expect(userIdFromEdgeEmail(edgeUserEmail(42))).toBe(42);
    for (const foreign of ["user-0@rotor", "user-042@rotor", "user-1@other", "alice@rotor", "user-1@rotor ", ""]) expect(userIdFromEdgeEmail(foreign)).toBeNull();
  });
});

describe("listEdgeUsers", () => {
  it("lists effectively active users in id order with their VLESS ids, leaving out every other status", () => {
    const alice = make("alice");
    make("disabled");
    temp.db.update(users).set({ status: "disabled" }).where(eq(users.username, "disabled")).run();
    make("lapsed", { expiresAt: new Date(now.getTime() - 1000) });
    make("over-limit", { dataLimitBytes: 100 });
    temp.db.update(users).set({ downloadBytes: 100 }).where(eq(users.username, "over-limit")).run();
    const bob = make("bob", { expiresAt: new Date(now.getTime() + 60_000) });

    const answer = listEdgeUsers(temp.db, now);
    expect(edgeUsersSchema.parse(answer)).toEqual(answer);
    expect(answer.users).toEqual([
      { email: edgeUserEmail(alice.id), id: alice.uuid },
      { email: edgeUserEmail(bob.id), id: bob.uuid },
    ]);
    expect(answer.revision).toBe(String(revision()));
  });
});

describe("edgeUsersRevision", () => {
  it("grows on every change to who edges accept, through any write path, and only then", () => {
    const start = revision();
    const alice = make("alice", { expiresAt: new Date(now.getTime() - 1000) });
    expect(revision()).toBe(start + 1);

    updateUser(temp.db, { id: alice.id, patch: { note: "vip" }, actor: "cli" });
    expect(revision()).toBe(start + 1);

    expireUsers(temp.db, now);
    expect(revision()).toBe(start + 2);

    updateUser(temp.db, { id: alice.id, patch: { status: "active", expiresAt: null }, actor: "cli" });
    expect(revision()).toBe(start + 3);

    temp.db.update(users).set({ uuid: "00000000-0000-4000-8000-000000000001" }).where(eq(users.id, alice.id)).run();
    expect(revision()).toBe(start + 4);

    deleteUser(temp.db, { id: alice.id, actor: "cli" });
    expect(revision()).toBe(start + 5);
  });
});
