import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { webhookDeliveries, webhooks, type WebhookEvent } from "@/lib/db/schema";
import { createUser } from "@/lib/users/create-user";
import { freePort } from "@/test/support/free-port";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { startReceiver } from "@/test/support/webhook-receiver";
import { MAX_DELIVERY_AGE_MS } from "./backoff";
import { claimDueDeliveries } from "./claim-deliveries";
import { recordAttempt, sendDelivery } from "./deliver";
import { countUnfinishedDeliveries, resendDelivery } from "./deliveries";
import { createWebhook, setWebhookEnabled } from "./manage-webhooks";
import { startWebhookWorker } from "./start-webhook-worker";

/** A real receiver on loopback that answers `status()` and keeps what it got. */
const receiver = (port = 0, status: () => number = () => 204) => startReceiver({ port, status });

let temp: TempDb;
let clock: Date;
beforeEach(() => {
  temp = createTempDb();
  clock = new Date("2026-05-01T12:00:00Z");
});
afterEach(() => temp.close());

const hook = (url: string, events: WebhookEvent[] = ["user.created"]) => createWebhook(temp.db, { url, events }, { actor: "test" });
const rows = () => temp.db.select().from(webhookDeliveries).orderBy(webhookDeliveries.id).all();
const later = (ms: number) => (clock = new Date(clock.getTime() + ms));
/** Queues one user.created delivery at the test clock. */
const queueOne = (username = "ann") => {
  createUser(temp.db, { username }, { actor: "test" });
  temp.db.update(webhookDeliveries).set({ nextAttemptAt: clock, createdAt: clock }).run();
};

describe("claiming due deliveries", () => {
  it("gives each due row to one worker only, until its lease lapses", () => {
    hook("http://127.0.0.1:9/hook");
    queueOne();
    const other = openDatabase(temp.file);
    try {
      const first = claimDueDeliveries(temp.db, { now: clock, limit: 10, leaseMs: 30_000 });
      expect(first).toHaveLength(1);
      expect(claimDueDeliveries(other, { now: clock, limit: 10 })).toEqual([]);
      expect(claimDueDeliveries(other, { now: new Date(clock.getTime() + 29_999), limit: 10 })).toEqual([]);
      // The first worker "crashed": once its lease passes, the row is claimable again.
      const second = claimDueDeliveries(other, { now: new Date(clock.getTime() + 30_000), limit: 10 });
      expect(second.map((row) => row.id)).toEqual(first.map((row) => row.id));
      // The crashed worker's late outcome no longer owns the row and is dropped.
      recordAttempt(temp.db, first[0]!, { ok: true, status: 200, error: "" }, { now: clock, retryBaseMs: 1000 });
      expect(rows()[0]).toMatchObject({ status: "pending", attempts: 0 });
    } finally {
      other.$client.close();
    }
  });

  it("only reads when nothing is due, so another process's write transaction does not hold it up", () => {
    hook("http://127.0.0.1:9/hook");
    queueOne();
    const other = openDatabase(temp.file);
    // With no busy wait, a claim that needed the write lock would fail at once instead of waiting.
    temp.db.$client.pragma("busy_timeout = 0");
    other.$client.prepare("BEGIN IMMEDIATE").run();
    try {
      expect(claimDueDeliveries(temp.db, { now: new Date(clock.getTime() - 1), limit: 10 })).toEqual([]);
      // Something due does need the lock (which shows the check above would have noticed a write).
      expect(() => claimDueDeliveries(temp.db, { now: clock, limit: 10 })).toThrow(/database is locked/);
    } finally {
      other.$client.prepare("ROLLBACK").run();
      other.$client.close();
    }
    expect(claimDueDeliveries(temp.db, { now: clock, limit: 10 })).toHaveLength(1);
  });

  it("skips rows not yet due and rows of disabled webhooks", () => {
    const webhook = hook("http://127.0.0.1:9/hook");
    queueOne();
    expect(claimDueDeliveries(temp.db, { now: new Date(clock.getTime() - 1), limit: 10 })).toEqual([]);
    setWebhookEnabled(temp.db, { webhookId: webhook.id, enabled: false }, { actor: "test" });
    expect(claimDueDeliveries(temp.db, { now: clock, limit: 10 })).toEqual([]);
  });
});

describe("sending to a loopback receiver", () => {
  it("POSTs the exact body with headers whose signature a receiver verifies independently", async () => {
    const server = await receiver();
    try {
      const webhook = hook(`http://127.0.0.1:${server.port}/hook`);
      queueOne();
      const [claimed] = claimDueDeliveries(temp.db, { now: clock, limit: 10 });
      expect(await sendDelivery(claimed!)).toEqual({ ok: true, status: 204, error: "" });
      const [got] = server.received;
      expect(got?.body).toBe(rows()[0]!.payload);
      expect(got?.headers).toMatchObject({
        "content-type": "application/json",
        "x-rotor-event": "user.created",
        "x-rotor-event-id": rows()[0]!.eventId,
        "x-rotor-delivery": String(claimed!.id),
      });
      const expected = createHmac("sha256", webhook.secret).update(got!.body).digest("hex");
      expect(got?.headers["x-rotor-signature"]).toBe(`sha256=${expected}`);
    } finally {
      await server.close();
    }
  });

  it("records 4xx and 5xx answers and does not follow redirects", async () => {
    const answers = [400, 503, 302];
    const server = await receiver(0, () => answers.shift() ?? 200);
    try {
      hook(`http://127.0.0.1:${server.port}/hook`);
      queueOne();
      const results = [];
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const [claimed] = claimDueDeliveries(temp.db, { now: later(3_600_000), limit: 10 });
        const result = await sendDelivery(claimed!);
        recordAttempt(temp.db, claimed!, result, { now: clock, retryBaseMs: 1000, random: 0.5 });
        results.push([result.status, rows()[0]!.status, rows()[0]!.attempts, rows()[0]!.lastError]);
      }
      expect(results).toEqual([
        [400, "pending", 1, "HTTP 400"],
        [503, "pending", 2, "HTTP 503"],
        [302, "pending", 3, "HTTP 302 (redirects are not followed)"],
      ]);
      expect(server.received).toHaveLength(3);
      expect(rows()[0]).toMatchObject({ responseStatus: 302, nextAttemptAt: new Date(clock.getTime() + 4_000), lockedUntil: null });
    } finally {
      await server.close();
    }
  });

  it("names the timeout it was given when a receiver does not answer", async () => {
    const server = await startReceiver({ status: () => null });
    try {
      hook(server.url);
      queueOne();
      const [claimed] = claimDueDeliveries(temp.db, { now: clock, limit: 10 });
      expect(await sendDelivery(claimed!, 300)).toEqual({ ok: false, status: null, error: "no response within 0.3 s" });
    } finally {
      await server.close();
    }
  });

  it("keeps a URL's password out of the error it records and logs", async () => {
    // A webhook saved before the URL schema refused userinfo.
    const webhook = hook("http://127.0.0.1:9/hook");
    temp.db.update(webhooks).set({ url: "http://alice:s3cret-pw@127.0.0.1:9/hook" }).where(eq(webhooks.id, webhook.id)).run();
    queueOne();
    const worker = startWebhookWorker(temp.db, { retryBaseMs: 1000, pollMs: 3_600_000, now: () => clock });
    const warnings = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      later(MAX_DELIVERY_AGE_MS); // the attempt is the last, so its error is logged too
      expect(await worker.runOnce()).toBe(1);
      await worker.stop();
      const [row] = rows();
      expect(row).toMatchObject({ status: "failed", lastError: expect.stringMatching(/user name or password/) });
      expect(warnings).toHaveBeenCalledWith(expect.stringContaining("webhook delivery given up"));
      expect(JSON.stringify([row, warnings.mock.calls])).not.toMatch(/alice|s3cret/);
    } finally {
      warnings.mockRestore();
    }
  });

  it("gives a delivery up as failed once the next try would fall past a day", () => {
    hook("http://127.0.0.1:9/hook");
    queueOne();
    const [claimed] = claimDueDeliveries(temp.db, { now: later(MAX_DELIVERY_AGE_MS - 1000), limit: 10 });
    expect(recordAttempt(temp.db, claimed!, { ok: false, status: null, error: "ECONNREFUSED" }, { now: clock, retryBaseMs: 5000, random: 0.5 })).toBe("failed");
    expect(rows()[0]).toMatchObject({ status: "failed", attempts: 1, lastError: "ECONNREFUSED" });
    expect(claimDueDeliveries(temp.db, { now: later(MAX_DELIVERY_AGE_MS), limit: 10 })).toEqual([]);
  });
});

describe("the worker", () => {
  it("retries while the receiver is down and delivers once it is back, from a second worker (a restart)", async () => {
    const port = await freePort();
    hook(`http://127.0.0.1:${port}/hook`);
    queueOne();
    const first = startWebhookWorker(temp.db, { retryBaseMs: 1000, pollMs: 3_600_000, now: () => clock });
    expect(await first.runOnce()).toBe(1);
    expect(rows()[0]).toMatchObject({ status: "pending", attempts: 1, responseStatus: null, lastError: expect.stringMatching(/ECONNREFUSED/) });
    later(2_000);
    expect(await first.runOnce()).toBe(1);
    expect(rows()[0]).toMatchObject({ status: "pending", attempts: 2 });
    await first.stop();

    const server = await receiver(port);
    const secondProcessDb = openDatabase(temp.file);
    const restarted = startWebhookWorker(secondProcessDb, { retryBaseMs: 1000, pollMs: 3_600_000, now: () => clock });
    try {
      expect(await restarted.runOnce()).toBe(0); // not due yet: the backoff holds
      later(5_000);
      expect(await restarted.runOnce()).toBe(1);
      expect(rows()[0]).toMatchObject({ status: "delivered", attempts: 3, responseStatus: 204, lastError: "", deliveredAt: clock });
      expect(server.received.map((got) => got.body)).toEqual([rows()[0]!.payload]);
    } finally {
      await restarted.stop();
      secondProcessDb.$client.close();
      await server.close();
    }
  });

  it("sends a resent delivery again with the same event id and body", async () => {
    const server = await receiver();
    try {
      hook(`http://127.0.0.1:${server.port}/hook`);
      queueOne();
      const worker = startWebhookWorker(temp.db, { retryBaseMs: 1000, pollMs: 3_600_000, now: () => clock });
      await worker.runOnce();
      const [original] = rows();
      const copy = resendDelivery(temp.db, { deliveryId: original!.id }, { actor: "admin:root", now: clock });
      expect(copy.id).not.toBe(original!.id);
      await worker.runOnce();
      await worker.stop();
      expect(rows()).toEqual([
        expect.objectContaining({ id: original!.id, status: "delivered" }),
        expect.objectContaining({ id: copy.id, status: "delivered", eventId: original!.eventId, payload: original!.payload }),
      ]);
      expect(server.received).toHaveLength(2);
      expect(server.received[1]?.headers["x-rotor-delivery"]).toBe(String(copy.id));
    } finally {
      await server.close();
    }
  });

  it("gives back its in-flight leases when the process exits", async () => {
    const server = await receiver(0, () => 200);
    try {
      hook(`http://127.0.0.1:${server.port}/hook`);
      queueOne();
      const worker = startWebhookWorker(temp.db, { retryBaseMs: 1000, pollMs: 3_600_000, now: () => clock });
      const pass = worker.runOnce();
      expect(rows()[0]?.lockedUntil).not.toBeNull();
      worker.releaseClaims();
      expect(rows()[0]?.lockedUntil).toBeNull();
      await pass;
      await worker.stop();
    } finally {
      await server.close();
    }
  });
});

describe("a backlog", () => {
  it("is worked off in one pass, the pool refilled as sends finish", async () => {
    const server = await receiver();
    try {
      hook(`http://127.0.0.1:${server.port}/hook`);
      for (let index = 0; index < 45; index += 1) createUser(temp.db, { username: `backlog-${index}` }, { actor: "test" });
      temp.db.update(webhookDeliveries).set({ nextAttemptAt: clock, createdAt: clock }).run();
      const worker = startWebhookWorker(temp.db, { retryBaseMs: 1000, pollMs: 3_600_000, now: () => clock });
      expect(await worker.runOnce()).toBe(45);
      await worker.stop();
      expect(new Set(rows().map((row) => row.status))).toEqual(new Set(["delivered"]));
      expect(server.received).toHaveLength(45);
    } finally {
      await server.close();
    }
  });
});

describe("countUnfinishedDeliveries", () => {
  it("counts pending and failed deliveries, never delivered ones", () => {
    hook("http://127.0.0.1:9/hook");
    expect(countUnfinishedDeliveries(temp.db)).toEqual({ pending: 0, failed: 0 });
    for (const username of ["ann", "bob", "cid", "dan"]) queueOne(username);
    const [first, second] = rows();
    temp.db.update(webhookDeliveries).set({ status: "delivered" }).where(eq(webhookDeliveries.id, first!.id)).run();
    temp.db.update(webhookDeliveries).set({ status: "failed" }).where(eq(webhookDeliveries.id, second!.id)).run();
    expect(countUnfinishedDeliveries(temp.db)).toEqual({ pending: 2, failed: 1 });
  });
});
