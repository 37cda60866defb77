import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { webhookDeliveries, type DeliveryStatus } from "@/lib/db/schema";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { startReceiver } from "@/test/support/webhook-receiver";
import { PER_WEBHOOK } from "./claim-deliveries";
import { createWebhook } from "./manage-webhooks";
import { DELIVERY_RETENTION_MS, pruneDeliveries, startWebhookWorker } from "./start-webhook-worker";

let temp: TempDb;
const clock = new Date("2026-05-01T12:00:00Z");
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.close());

const hook = (url: string) => createWebhook(temp.db, { url, events: ["user.created"] }, { actor: "test" }).id;
const queue = (webhookId: number, count: number, due: Date, status: DeliveryStatus = "pending") =>
  temp.db
    .insert(webhookDeliveries)
    .values(Array.from({ length: count }, (_, index) => ({ webhookId, eventId: `${webhookId}-${index}`, event: "user.created" as const, payload: "{}", status, nextAttemptAt: due, createdAt: due })))
    .returning({ id: webhookDeliveries.id })
    .all()
    .map((row) => row.id);
const rowsOf = (webhookId: number) => temp.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId)).orderBy(webhookDeliveries.id).all();

it("keeps delivering to a healthy receiver while another accepts connections and never answers", async () => {
  const hanging = await startReceiver({ status: () => null });
  const healthy = await startReceiver();
  try {
    const dead = hook(hanging.url);
    const alive = hook(healthy.url);
    // The dead receiver's retries are overdue (so first by age) and more than the whole pool holds.
    queue(dead, 30, new Date(clock.getTime() - 3_600_000));
    queue(alive, 10, clock);
    // A send timeout far beyond the test: only the pool's per-webhook share lets the others through.
    const worker = startWebhookWorker(temp.db, { retryBaseMs: 1000, pollMs: 3_600_000, timeoutMs: 3_600_000, now: () => clock });
    const pass = worker.runOnce();

    // More than one webhook's share: the healthy receiver's slots are refilled as its sends finish.
    await healthy.waitFor(10);
    await expect.poll(() => rowsOf(alive).map((row) => row.status)).toEqual(Array(10).fill("delivered"));
    await hanging.waitFor(PER_WEBHOOK);
    expect(hanging.received).toHaveLength(PER_WEBHOOK);
    expect(rowsOf(dead).filter((row) => row.lockedUntil !== null)).toHaveLength(PER_WEBHOOK);
    expect(rowsOf(dead).every((row) => row.attempts === 0)).toBe(true);

    // The hanging receiver goes away: its sends fail, and the rest of its backlog is tried once.
    await hanging.close();
    expect(await pass).toBe(40);
    await worker.stop();
    expect(rowsOf(dead).map((row) => [row.status, row.attempts, row.lockedUntil])).toEqual(Array(30).fill(["pending", 1, null]));
  } finally {
    await hanging.close();
    await healthy.close();
  }
});

describe("pruneDeliveries", () => {
  it("deletes finished rows past retention batch by batch, and keeps recent and pending ones", async () => {
    const id = hook("http://127.0.0.1:9/hook");
    const old = new Date(clock.getTime() - DELIVERY_RETENTION_MS - 1);
    const recent = new Date(clock.getTime() - DELIVERY_RETENTION_MS + 60_000);
    queue(id, 5, old, "delivered");
    queue(id, 3, old, "failed");
    const kept = [...queue(id, 2, recent, "delivered"), ...queue(id, 2, recent, "failed"), ...queue(id, 2, old)];
    // Batches of 3: eight old rows take three statements, the last one short.
    expect(await pruneDeliveries(temp.db, clock, 3)).toBe(8);
    expect(rowsOf(id).map((row) => row.id)).toEqual(kept);
    expect(await pruneDeliveries(temp.db, clock, 3)).toBe(0);
  });

  it("runs in the worker's first pass and then hourly", async () => {
    const id = hook("http://127.0.0.1:9/hook");
    queue(id, 2, new Date(clock.getTime() - DELIVERY_RETENTION_MS - 1), "delivered");
    let now = clock;
    const worker = startWebhookWorker(temp.db, { retryBaseMs: 1000, pollMs: 3_600_000, now: () => now });
    expect(await worker.runOnce()).toBe(0);
    expect(rowsOf(id)).toEqual([]);
    const next = queue(id, 1, new Date(now.getTime() - DELIVERY_RETENTION_MS - 1), "failed");
    await worker.runOnce();
    expect(rowsOf(id).map((row) => row.id)).toEqual(next);
    now = new Date(clock.getTime() + 3_600_000);
    await worker.runOnce();
    await worker.stop();
    expect(rowsOf(id)).toEqual([]);
  });
});
