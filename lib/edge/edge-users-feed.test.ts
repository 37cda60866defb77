import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { users } from "@/lib/db/schema";
import { createUser } from "@/lib/users/create-user";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { createEdgeUsersFeed, edgeUsersResponse } from "./edge-users-feed";
import { edgeUsersSchema, listEdgeUsers } from "./edge-users";

let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
  createUser(temp.db, { username: "alice" }, { actor: "cli" });
});
afterEach(() => temp.close());

describe("createEdgeUsersFeed", () => {
  it("builds once per revision for every caller, and again when the users change", async () => {
    const feed = createEdgeUsersFeed(temp.db, { minRebuildIntervalMs: 0 });
    const [first, second] = await Promise.all([feed.answer(), feed.answer()]);
    expect(second).toBe(first);
    expect(await feed.answer()).toBe(first);
    expect(JSON.parse(first.json)).toEqual(listEdgeUsers(temp.db));

    createUser(temp.db, { username: "bob" }, { actor: "cli" });
    const changed = await feed.answer();
    expect(Number(changed.revision)).toBeGreaterThan(Number(first.revision));
    expect(edgeUsersSchema.parse(JSON.parse(changed.json)).users.map((user) => user.email)).toHaveLength(2);
  });

  it("rebuilds a stale answer at the same revision, since expiry by time bumps no counter", async () => {
    let clock = new Date("2026-06-01T00:00:00Z").getTime();
    temp.db.update(users).set({ expiresAt: new Date(clock + 5_000) }).where(eq(users.username, "alice")).run();
    const feed = createEdgeUsersFeed(temp.db, { maxAgeMs: 10_000, minRebuildIntervalMs: 0, now: () => clock });
    const fresh = await feed.answer();
    expect(JSON.parse(fresh.json).users).toHaveLength(1);
    clock += 9_000;
    expect(await feed.answer()).toBe(fresh);
    clock += 1_000;
    const rebuilt = await feed.answer();
    expect(rebuilt.revision).toBe(fresh.revision);
    expect(JSON.parse(rebuilt.json).users).toEqual([]);
  });

  it("spaces rebuilds by the minimum interval, so a burst of changes costs one rebuild", async () => {
    const feed = createEdgeUsersFeed(temp.db, { minRebuildIntervalMs: 150 });
    const first = await feed.answer();
    for (let index = 0; index < 5; index += 1) createUser(temp.db, { username: `burst-${index}` }, { actor: "cli" });
    const [a, b] = await Promise.all([feed.answer(), feed.answer()]);
    // On the feed's own clock, not the test's: a loaded machine only widens the gap (Node's
    // timers may fire a millisecond early, hence the 149).
    expect(a.builtAt - first.builtAt).toBeGreaterThanOrEqual(149);
    expect(a).toBe(b);
    expect(a).not.toBe(first);
    expect(JSON.parse(a.json).users).toHaveLength(6);
  });
});

describe("edgeUsersResponse", () => {
  it("sends the cached JSON as it is, never to be cached on the way", async () => {
    const answer = await createEdgeUsersFeed(temp.db).answer();
    const response = edgeUsersResponse(answer);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toBe(answer.json);
  });
});
