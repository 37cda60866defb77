import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users, USER_STATUSES } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { createUser } from "./create-user";
import { listUsers, listUsersPage } from "./list-users";
import { effectiveStatus } from "./present-user";
import { SORT_ORDERS, USER_SORTS, type SortOrder, type UserSort } from "./schema";
import { effectiveStatusSql } from "./user-filters";

const now = new Date("2026-06-01T12:00:00Z");
const DAY = 86_400_000;
const GB = 1e9;

type UserRow = typeof users.$inferSelect;
type Seed = Partial<Pick<typeof users.$inferInsert, "status" | "dataLimitBytes" | "uploadBytes" | "downloadBytes" | "expiresAt" | "lastFetchAt">>;

/** Every combination the effective status depends on, and ties in every sort key. */
const SEEDS: Array<[string, Seed]> = [
  ["alice", {}],
  ["Bob", { status: "disabled", expiresAt: new Date(now.getTime() - DAY) }],
  ["carol", { expiresAt: new Date(now.getTime() - DAY) }],
  ["dave", { expiresAt: now }],
  ["erin", { expiresAt: new Date(now.getTime() + DAY), dataLimitBytes: 10 * GB, uploadBytes: 4 * GB, downloadBytes: 6 * GB }],
  ["frank", { dataLimitBytes: 10 * GB, uploadBytes: 1, downloadBytes: 10 * GB - 2 }],
  ["grace", { status: "expired", expiresAt: new Date(now.getTime() + 30 * DAY) }],
  ["heidi", { status: "limited" }],
  ["ivan", { expiresAt: new Date(now.getTime() - DAY), dataLimitBytes: GB, downloadBytes: 2 * GB }],
  ["judy", { status: "disabled", dataLimitBytes: GB, downloadBytes: 2 * GB }],
  ["ken_1", { expiresAt: new Date(now.getTime() + 30 * DAY), uploadBytes: 5 * GB, lastFetchAt: new Date(now.getTime() - 3_600_000) }],
  ["ken-2", { expiresAt: new Date(now.getTime() + 30 * DAY), uploadBytes: 5 * GB, lastFetchAt: new Date(now.getTime() - 3_600_000) }],
  ["KENNY", { lastFetchAt: new Date(now.getTime() - DAY) }],
];

let temp: TempDb;
let all: UserRow[];

beforeAll(() => {
  temp = createTempDb();
  SEEDS.forEach(([username, seed], index) => {
    const { id } = createUser(temp.db, { username }, { actor: "test" });
    // Pairs of users share a creation time, so the id tie-break is exercised.
    const createdAt = new Date(Date.UTC(2026, 0, 1 + Math.floor(index / 2)));
    temp.db.update(users).set({ createdAt, ...seed }).where(eq(users.id, id)).run();
  });
  all = temp.db.select().from(users).all();
});
afterAll(() => temp.close());

const page = (input: Record<string, unknown>) => listUsersPage(temp.db, input, { now });
const names = (input: Record<string, unknown>) => page(input).users.map((user) => user.username);

/** The order SQLite must produce, written out in JS: NULL sorts lowest, except "never expires" sorts as the latest expiry. */
function expectedOrder(sort: UserSort, order: SortOrder): string[] {
  const key = (user: UserRow): number[] | string[] => {
    switch (sort) {
      case "username":
        return [user.username];
      case "created":
        return [user.createdAt.getTime(), user.id];
      case "expires":
        return [user.expiresAt === null ? 1 : 0, user.expiresAt?.getTime() ?? 0, user.id];
      case "used":
        return [user.uploadBytes + user.downloadBytes, user.id];
      case "lastFetch":
        return [user.lastFetchAt?.getTime() ?? Number.NEGATIVE_INFINITY, user.id];
    }
  };
  const compare = (left: UserRow, right: UserRow) => {
    const [a, b] = [key(left), key(right)];
    for (let index = 0; index < a.length; index += 1) {
      if (a[index]! < b[index]!) return -1;
      if (a[index]! > b[index]!) return 1;
    }
    return 0;
  };
  const sorted = [...all].sort(compare);
  return (order === "asc" ? sorted : sorted.reverse()).map((user) => user.username);
}

describe("listUsersPage", () => {
  it("filters by the effective status, exactly as effectiveStatus decides it", () => {
    for (const status of USER_STATUSES) {
      const expected = all.filter((user) => effectiveStatus(user, now) === status).map((user) => user.username).sort();
      const result = page({ status, limit: 100 });
      expect([...result.users.map((user) => user.username)].sort(), status).toEqual(expected);
      expect(result.total, status).toBe(expected.length);
    }
    // Spelled out, so a change in effectiveStatus cannot silently move both sides.
    expect(names({ status: "expired", sort: "username", order: "asc" })).toEqual(["carol", "dave", "grace", "ivan"]);
    expect(names({ status: "limited", sort: "username", order: "asc" })).toEqual(["erin", "heidi"]);
    expect(names({ status: "disabled", sort: "username", order: "asc" })).toEqual(["Bob", "judy"]);
  });

  it("searches usernames case-insensitively, taking % and _ literally", () => {
    expect(names({ search: "ken", sort: "username", order: "asc" })).toEqual(["KENNY", "ken-2", "ken_1"]);
    expect(names({ search: "  KEN_ " })).toEqual(["ken_1"]);
    expect(names({ search: "n_" })).toEqual(["ken_1"]);
    expect(names({ search: "%" })).toEqual([]);
    expect(page({ search: "nobody" })).toEqual({ users: [], total: 0 });
    expect(names({ search: "", sort: "username", order: "asc" })).toHaveLength(all.length);
  });

  it("combines search and status filter in the total", () => {
    expect(page({ search: "A", status: "active", sort: "username", order: "asc", limit: 1 })).toMatchObject({ total: 2, users: [{ username: "alice" }] });
    expect(page({ search: "a", status: "expired", sort: "username", order: "asc", limit: 1, offset: 3 })).toMatchObject({ total: 4, users: [{ username: "ivan" }] });
  });

  it.each(USER_SORTS.flatMap((sort) => SORT_ORDERS.map((order) => [sort, order] as const)))("sorts by %s %s", (sort, order) => {
    expect(names({ sort, order, limit: 100 })).toEqual(expectedOrder(sort, order));
  });

  it("puts users who never expire last when sorting by expiry ascending, first descending", () => {
    expect(names({ sort: "expires", order: "asc", limit: 100 }).slice(0, 2)).toEqual(["Bob", "carol"]);
    expect(names({ sort: "expires", order: "asc", limit: 100 }).at(-1)).toBe("KENNY");
    expect(names({ sort: "expires", order: "desc", limit: 1 })).toEqual(["KENNY"]);
  });

  it.each(USER_SORTS)("pages through every user once, in order, when sorted by %s", (sort) => {
    const seen: string[] = [];
    for (let offset = 0; offset < all.length + 3; offset += 3) {
      const result = page({ sort, order: "desc", limit: 3, offset });
      expect(result.total).toBe(all.length);
      seen.push(...result.users.map((user) => user.username));
    }
    expect(seen).toEqual(expectedOrder(sort, "desc"));
  });

  it("answers a page past the end with no rows and the real total", () => {
    expect(page({ offset: 500 })).toEqual({ users: [], total: all.length });
    expect(page({ status: "limited", offset: 2 })).toEqual({ users: [], total: 2 });
  });

  it("defaults to 50 newest first, and never returns tokens", () => {
    const result = page({});
    expect(result.users.map((user) => user.username)).toEqual(expectedOrder("created", "desc"));
    expect(Object.keys(result.users[0]!)).not.toContain("subscriptionToken");
    expect(Object.keys(result.users[0]!)).not.toContain("uuid");
  });

  it.each([
    [{ limit: 0 }, "limit"],
    [{ limit: 1001 }, "limit"],
    [{ offset: -1 }, "offset"],
    [{ sort: "password" }, "sort"],
    [{ order: "sideways" }, "order"],
    [{ status: "banned" }, "status"],
    [{ search: "x".repeat(65) }, "search"],
  ])("refuses %j with a field issue", (input, field) => {
    expect(() => page(input)).toThrow(AppError);
    try {
      page(input);
    } catch (error) {
      expect((error as AppError).details.issues?.map((issue) => issue.field)).toEqual([field]);
    }
  });

  it("takes limit and offset as query-string text too", () => {
    expect(page({ limit: "2", offset: "1", sort: "username", order: "asc" }).users.map((user) => user.username)).toEqual(["KENNY", "alice"]);
  });
});

describe("effectiveStatusSql (grouping, for the dashboard and metrics)", () => {
  it("gives every seeded user the status effectiveStatus() gives it", () => {
    const rows = temp.db.select({ username: users.username, status: effectiveStatusSql(now) }).from(users).all();
    const byName = new Map(all.map((user) => [user.username, effectiveStatus(user, now)]));
    for (const row of rows) expect(row.status, row.username).toBe(byName.get(row.username));
    expect(new Set(rows.map((row) => row.status))).toEqual(new Set(USER_STATUSES));
  });
});

describe("listUsers (the CLI's list)", () => {
  it("still lists in creation order by stored status", () => {
    expect(listUsers(temp.db, { status: "disabled" }).map((user) => user.username)).toEqual(["Bob", "judy"]);
    expect(listUsers(temp.db, { search: "ken", limit: 2, offset: 1 }).map((user) => user.username)).toEqual(["ken-2", "KENNY"]);
  });
});
