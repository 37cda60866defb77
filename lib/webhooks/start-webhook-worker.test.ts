import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import { webhookDeliveries } from "@/lib/db/schema";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { startReceiver } from "@/test/support/webhook-receiver";
import { PER_WEBHOOK } from "./claim-deliveries";
import { createWebhook } from "./manage-webhooks";
import { startWebhookWorker } from "./start-webhook-worker";

let temp: TempDb;
const clock = new Date("2026-05-01T12:00:00Z");
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.close());

const hook = (url: string) => createWebhook(temp.db, { url, events: ["user.created"] }, { actor: "test" }).id;
const queue = (webhookId: number, count: number, due: Date) =>
  temp.db
    .insert(webhookDeliveries)
    .values(Array.from({ length: count }, (_, index) => ({ webhookId, eventId: `${webhookId}-${index}`, event: "user.created" as const, payload: "{}", nextAttemptAt: due, createdAt: due })))
    .run();
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
