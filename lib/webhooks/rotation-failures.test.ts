import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { webhookDeliveries } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { NotLeaderError } from "@/lib/rotation/rotator";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import type { WebhookPayload } from "./enqueue";
import { createWebhook } from "./manage-webhooks";
import { ROTATION_FAILED_EVERY_MS, rotationFailureReporter } from "./rotation-failures";

let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
  createWebhook(temp.db, { url: "http://127.0.0.1:9/hook", events: ["rotation.failed"] }, { actor: "test" });
});
afterEach(() => temp.close());

const events = () => temp.db.select().from(webhookDeliveries).all().map((row) => JSON.parse(row.payload) as WebhookPayload);
const scheduled = { hostId: 3, reason: "scheduled", actor: "scheduler" };

describe("rotation.failed", () => {
  it("reports a store outage once per host per window, not once per scheduler tick", () => {
    let now = new Date("2026-05-01T12:00:00Z");
    const report = rotationFailureReporter(temp.db, { now: () => now });
    const down = new AppError("store_unavailable", "the rotation store is unavailable");
    for (let tick = 0; tick < 5; tick += 1) report(down, scheduled);
    report(down, { ...scheduled, hostId: 4 });
    now = new Date(now.getTime() + ROTATION_FAILED_EVERY_MS);
    report(down, scheduled);
    expect(events().map((payload) => payload.data)).toEqual([
      { hostId: 3, reason: "scheduled", actor: "scheduler", at: "2026-05-01T12:00:00.000Z", error: { code: "store_unavailable", message: "the rotation store is unavailable" } },
      expect.objectContaining({ hostId: 4 }),
      expect.objectContaining({ hostId: 3, at: "2026-05-01T12:15:00.000Z" }),
    ]);
  });

  it("ignores refusals that are not failures: too soon, unknown host, bad input, lost leadership", () => {
    const report = rotationFailureReporter(temp.db);
    report(new AppError("too_soon", "wait"), scheduled);
    report(new AppError("not_found", "no host"), scheduled);
    report(new AppError("invalid_request", "bad"), scheduled);
    report(new NotLeaderError(), scheduled);
    report(new Error("boom"), undefined);
    expect(events()).toEqual([]);
    report(new Error("boom"), { hostId: 1, reason: "manual", actor: "admin:root" });
    expect(events()).toEqual([expect.objectContaining({ event: "rotation.failed", data: expect.objectContaining({ error: { code: "internal", message: "boom" } }) })]);
  });
});
