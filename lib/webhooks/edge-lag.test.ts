import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { edgeNodes, webhookDeliveries } from "@/lib/db/schema";
import { createEdgeNode } from "@/lib/edge/edge-nodes";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { EDGE_LAG_AFTER_MS, edgeLagChecker } from "./edge-lag";
import type { WebhookPayload } from "./enqueue";
import { createWebhook } from "./manage-webhooks";

let temp: TempDb;
let edgeId: number;
const start = new Date("2026-05-01T12:00:00Z");
const at = (ms: number) => new Date(start.getTime() + ms);

beforeEach(() => {
  temp = createTempDb();
  createWebhook(temp.db, { url: "http://127.0.0.1:9/hook", events: ["edge.lagging"] }, { actor: "test" });
  edgeId = createEdgeNode(temp.db, { name: "edge-1" }, { actor: "test" }).id;
});
afterEach(() => temp.close());

/** The edge polled at `seenAt` reporting `revision` as applied. */
const report = (revision: string, seenAt: Date) => temp.db.update(edgeNodes).set({ appliedRevision: revision, lastSeenAt: seenAt }).where(eq(edgeNodes.id, edgeId)).run();
const events = () => temp.db.select().from(webhookDeliveries).all().map((row) => JSON.parse(row.payload) as WebhookPayload);

describe("edge.lagging", () => {
  it("is sent once per lag episode, after the edge stayed behind past the threshold, by one instance only", () => {
    const check = edgeLagChecker(temp.db);
    const otherInstance = openDatabase(temp.file);
    const otherCheck = edgeLagChecker(otherInstance);
    try {
      report("5", at(0));
      expect(check("6", at(0))).toBe(0);
      expect(otherCheck("6", at(0))).toBe(0);
      report("5", at(EDGE_LAG_AFTER_MS));
      expect(check("6", at(EDGE_LAG_AFTER_MS))).toBe(1);
      expect(otherCheck("6", at(EDGE_LAG_AFTER_MS))).toBe(0);
      expect(check("6", at(EDGE_LAG_AFTER_MS + 10_000))).toBe(0);
      expect(events()).toEqual([
        expect.objectContaining({
          event: "edge.lagging",
          data: { edgeId, name: "edge-1", appliedRevision: "5", currentRevision: "6", behindSince: start.toISOString(), lastSeenAt: at(EDGE_LAG_AFTER_MS).toISOString() },
        }),
      ]);

      // Caught up: the mark clears, and the next episode is reported again (each instance checks every few seconds).
      const both = (revision: string, ms: number) => [check(revision, at(ms)), otherCheck(revision, at(ms))];
      report("6", at(EDGE_LAG_AFTER_MS + 20_000));
      expect(both("6", EDGE_LAG_AFTER_MS + 20_000)).toEqual([0, 0]);
      expect(temp.db.select().from(edgeNodes).get()?.lagReportedAt).toBeNull();
      report("6", at(EDGE_LAG_AFTER_MS + 30_000));
      expect(both("7", EDGE_LAG_AFTER_MS + 30_000)).toEqual([0, 0]);
      report("6", at(2 * EDGE_LAG_AFTER_MS + 30_000));
      expect(both("7", 2 * EDGE_LAG_AFTER_MS + 30_000)).toEqual([1, 0]);
      expect(events()).toHaveLength(2);
    } finally {
      otherInstance.$client.close();
    }
  });

  it("leaves silent and never-seen edges alone (down, not lagging)", () => {
    const check = edgeLagChecker(temp.db);
    expect(check("6", at(0))).toBe(0);
    report("5", at(0));
    expect(check("6", at(0))).toBe(0);
    expect(check("6", at(10 * EDGE_LAG_AFTER_MS))).toBe(0);
    expect(events()).toEqual([]);
  });
});
