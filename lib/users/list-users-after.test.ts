import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { encodeUserCursor, listUsersApiQuerySchema } from "./api-schema";
import { createUser } from "./create-user";
import { deleteUser } from "./delete-user";
import { listUsersAfter } from "./list-users-after";

const actor = "test";
let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.close());

function walk(query: Record<string, string>, between?: (page: number) => void): number[] {
  const seen: number[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page += 1) {
    const result = listUsersAfter(temp.db, listUsersApiQuerySchema.parse({ ...query, ...(cursor ? { cursor } : {}) }));
    seen.push(...result.users.map((user) => user.id));
    between?.(page);
    if (!result.nextCursor) return seen;
    cursor = result.nextCursor;
  }
  throw new Error("the walk did not end");
}

describe("listUsersAfter", () => {
  it("walks every user once, oldest first, even while users are added and removed", () => {
    const ids = Array.from({ length: 10 }, (_, index) => createUser(temp.db, { username: `user${index}` }, { actor }).id);
    const seen = walk({ limit: "3" }, (page) => {
      if (page === 0) {
        deleteUser(temp.db, { id: ids[9], actor }); // not yet reached: never shown
        createUser(temp.db, { username: "latecomer" }, { actor }); // after the cursor: shown at the end
      }
    });
    expect(seen).toEqual([...ids.slice(0, 9), ids[9]! + 1]);
  });

  it("filters by username and effective status before paging", () => {
    createUser(temp.db, { username: "alpha" }, { actor });
    const off = createUser(temp.db, { username: "alpha-off", status: "disabled" }, { actor }).id;
    const lapsed = createUser(temp.db, { username: "beta", expiresAt: new Date(Date.now() - 1000) }, { actor }).id;
    expect(walk({ search: "alpha", status: "disabled", limit: "1" })).toEqual([off]);
    expect(walk({ status: "expired" })).toEqual([lapsed]);
  });

  it("ends with a null cursor exactly when no users are left, and refuses cursors it did not make", () => {
    createUser(temp.db, { username: "only" }, { actor });
    expect(listUsersAfter(temp.db, listUsersApiQuerySchema.parse({ limit: "1" })).nextCursor).toBeNull();
    expect(listUsersApiQuerySchema.parse({ cursor: encodeUserCursor(41) }).cursor).toBe(41);
    for (const cursor of ["41", "", "dTQxeA", Buffer.from("u-1").toString("base64url")]) {
      expect(listUsersApiQuerySchema.safeParse({ cursor }).success, cursor).toBe(false);
    }
  });
});
