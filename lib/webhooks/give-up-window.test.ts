import { eq, ne } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import { webhookDeliveries, webhooks } from "@/lib/db/schema";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { MAX_DELIVERY_AGE_MS } from "./backoff";
import { claimDueDeliveries } from "./claim-deliveries";
import { recordAttempt } from "./deliver";
import { createWebhook, setWebhookEnabled } from "./manage-webhooks";

const HOUR = 3_600_000;
const start = new Date("2026-05-01T12:00:00Z");
const at = (ms: number) => new Date(start.getTime() + ms);

let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.close());

const queue = (webhookId: number, queuedAt: Date) =>
  temp.db.insert(webhookDeliveries).values({ webhookId, eventId: `e${queuedAt.getTime()}`, event: "user.created", payload: "{}", nextAttemptAt: queuedAt, createdAt: queuedAt }).returning().get().id;
const row = (id: number) => temp.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)).get()!;
const setEnabled = (webhookId: number, enabled: boolean, now: Date) => setWebhookEnabled(temp.db, { webhookId, enabled }, { actor: "test", now });
/** Claims `id` at `now` and records a failed attempt; returns the row's new status. */
const failAt = (id: number, now: Date) => {
  const claimed = claimDueDeliveries(temp.db, { now, limit: 10 });
  // Hand back the other rows' leases: only `id` is being tried.
  temp.db.update(webhookDeliveries).set({ lockedUntil: null }).where(ne(webhookDeliveries.id, id)).run();
  const delivery = claimed.find((entry) => entry.id === id);
  if (!delivery) throw new Error(`delivery ${id} was not due at ${now.toISOString()}`);
  // Backoff at the cap: 10 minutes to the next try.
  return recordAttempt(temp.db, delivery, { ok: false, status: 503, error: "HTTP 503" }, { now, retryBaseMs: 10 * 60_000, random: 0.5 });
};

it("does not count a disabled webhook's pause against its deliveries' 24 hours", () => {
  const webhookId = createWebhook(temp.db, { url: "http://127.0.0.1:9/hook", events: ["user.created"] }, { actor: "test" }).id;
  const first = queue(webhookId, start);
  expect(failAt(first, start)).toBe("pending");

  // Paused for three days (disabling again does not move the start of the pause).
  setEnabled(webhookId, false, at(HOUR));
  setEnabled(webhookId, false, at(30 * HOUR));
  const queuedDuringPause = queue(webhookId, at(48 * HOUR));
  expect(claimDueDeliveries(temp.db, { now: at(60 * HOUR), limit: 10 })).toEqual([]);
  expect(setEnabled(webhookId, true, at(72 * HOUR)).disabledAt).toBeNull();
  expect(row(first).pausedMs).toBe(71 * HOUR);
  expect(row(queuedDuringPause).pausedMs).toBe(24 * HOUR);

  // Retried as if the pause had not happened: one hour before it, 23 after.
  expect(failAt(first, at(72 * HOUR))).toBe("pending");
  expect(failAt(first, at(94 * HOUR))).toBe("pending");
  expect(failAt(first, at(95 * HOUR))).toBe("failed");
  expect(row(first).lastAttemptAt).toEqual(at(95 * HOUR));
  // The one queued during the pause gets its whole 24 hours from when it was enabled.
  expect(failAt(queuedDuringPause, at(72 * HOUR + MAX_DELIVERY_AGE_MS - HOUR))).toBe("pending");

  // Enabling an enabled webhook credits nothing.
  setEnabled(webhookId, true, at(100 * HOUR));
  expect(row(queuedDuringPause).pausedMs).toBe(24 * HOUR);
  expect(temp.db.select().from(webhooks).get()).toMatchObject({ enabled: true, disabledAt: null });
});
