import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { webhookDeliveries } from "@/lib/db/schema";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { claimDueDeliveries } from "./claim-deliveries";
import { createWebhook } from "./manage-webhooks";

let temp: TempDb;
const clock = new Date("2026-05-01T12:00:00Z");
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.close());

const hook = (name: string) => createWebhook(temp.db, { url: `http://127.0.0.1:9/${name}`, events: ["user.created"] }, { actor: "test" }).id;
/** Queues `count` deliveries for a webhook, due at `due`; returns their ids. */
const queue = (webhookId: number, count: number, due: Date) =>
  temp.db
    .insert(webhookDeliveries)
    .values(Array.from({ length: count }, (_, index) => ({ webhookId, eventId: `${webhookId}-${index}`, event: "user.created" as const, payload: "{}", nextAttemptAt: due, createdAt: due })))
    .returning({ id: webhookDeliveries.id })
    .all()
    .map((row) => row.id);
const claimedIds = (options: Parameters<typeof claimDueDeliveries>[1]) =>
  claimDueDeliveries(temp.db, options)
    .map((row) => row.id)
    .sort((a, b) => a - b);

describe("claimDueDeliveries", () => {
  it("takes a few rows per webhook, round-robin, so a backlog of overdue retries does not come first", () => {
    const dead = hook("dead");
    const alive = hook("alive");
    const overdue = queue(dead, 6, new Date(clock.getTime() - 3_600_000));
    const fresh = queue(alive, 2, clock);
    // Each webhook's oldest row, then each webhook's second: the overdue backlog gets no more than its turn.
    expect(claimedIds({ now: clock, limit: 3, perWebhook: 2 })).toEqual([overdue[0], overdue[1], fresh[0]]);
    expect(claimedIds({ now: clock, limit: 10, perWebhook: 2 })).toEqual([overdue[2], overdue[3], fresh[1]]);
  });

  it("counts the sends the worker already has in flight against each webhook's share", () => {
    const dead = hook("dead");
    const alive = hook("alive");
    const overdue = queue(dead, 6, new Date(clock.getTime() - 3_600_000));
    const fresh = queue(alive, 3, clock);
    expect(claimedIds({ now: clock, limit: 10, perWebhook: 2, busy: new Map([[dead, 2]]) })).toEqual(fresh.slice(0, 2));
    expect(claimedIds({ now: clock, limit: 10, perWebhook: 2, busy: new Map([[dead, 1], [alive, 2]]) })).toEqual([overdue[0]]);
    expect(claimedIds({ now: clock, limit: 0 })).toEqual([]);
  });

  it("carries what a send needs", () => {
    const id = hook("one");
    const [queued] = queue(id, 1, clock);
    const lease = new Date(clock.getTime() + 30_000);
    expect(claimDueDeliveries(temp.db, { now: clock, limit: 5, leaseMs: 30_000 })).toEqual([
      { id: queued, webhookId: id, eventId: `${id}-0`, event: "user.created", payload: "{}", attempts: 0, createdAt: clock, pausedMs: 0, lease, url: "http://127.0.0.1:9/one", secret: expect.stringMatching(/^rwh_/) },
    ]);
    expect(temp.db.select().from(webhookDeliveries).get()).toMatchObject({ lockedUntil: lease });
  });
});
