import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import type { EdgeNode } from "@/lib/edge/edge-nodes";
import type { SnapshotStatus } from "@/lib/rotation/snapshot";
import { sampleValues } from "@/test/support/prometheus-text";
import { registerStateCollectors, type StateSources } from "./state-collectors";

const NOW = new Date("2026-06-01T12:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);

function edge(id: number, fields: Partial<EdgeNode>): EdgeNode {
  return { id, name: `edge-${id}`, tokenHash: `hash-${id}`, createdAt: ago(86_400_000), revokedAt: null, lastSeenAt: null, lastSeenIp: null, appliedRevision: null, appliedUsersRevision: null, lagReportedAt: null, reportedBytes: 0, lastReportAt: null, ...fields };
}

function sources(overrides: Partial<StateSources> & { snapshot?: Partial<SnapshotStatus>; healthy?: boolean } = {}): StateSources {
  const snapshot: SnapshotStatus = { loaded: true, connected: true, revision: "120", hosts: 2, lastSyncAt: ago(2_500), lastError: null, ...overrides.snapshot };
  return {
    storeKind: "embedded",
    rotation: async () => ({ health: async () => ({ ok: overrides.healthy ?? true, detail: "" }), snapshot: () => snapshot }),
    edges: () => [],
    usersByStatus: () => ({ active: 0, disabled: 0, expired: 0, limited: 0 }),
    webhookDeliveries: () => ({ pending: 0, failed: 0 }),
    now: () => NOW,
    ...overrides,
  };
}

async function scrape(source: StateSources) {
  const registry = new Registry();
  registerStateCollectors(registry, source);
  const text = await registry.metrics();
  return { text, samples: sampleValues(text) };
}

describe("registerStateCollectors", () => {
  it("reports the embedded store's kind and no rotor_etcd_up, and the snapshot's age at scrape time", async () => {
    const { text, samples } = await scrape(sources());
    expect(samples.get('rotor_rotation_store_info{kind="embedded"}')).toBe(1);
    expect(text).not.toContain("rotor_etcd_up");
    expect(samples.get("rotor_snapshot_age_seconds")).toBe(2.5);
  });

  it.each([
    [true, 1],
    [false, 0],
  ])("reports etcd health %s as rotor_etcd_up %i", async (healthy, up) => {
    const { samples } = await scrape(sources({ storeKind: "etcd", healthy }));
    expect(samples.get('rotor_rotation_store_info{kind="etcd"}')).toBe(1);
    expect(samples.get("rotor_etcd_up")).toBe(up);
  });

  it("counts edges that polled recently and each live edge's revision lag, BigInt-safe", async () => {
    const big = "9007199254740993"; // 2^53 + 1: wrong if the subtraction went through Number
    const { text, samples } = await scrape(
      sources({
        snapshot: { revision: big },
        edges: () => [
          edge(1, { lastSeenAt: ago(1_000), appliedRevision: "9007199254740990" }),
          edge(2, { lastSeenAt: ago(89_000), appliedRevision: big }),
          edge(3, { lastSeenAt: ago(91_000), appliedRevision: "9007199254740900" }),
          edge(4, { lastSeenAt: ago(1_000), appliedRevision: "9007199254741000" }),
          edge(5, {}),
          edge(6, { lastSeenAt: ago(1_000), appliedRevision: "1", revokedAt: ago(500) }),
        ],
      }),
    );
    expect(samples.get("rotor_edges_connected")).toBe(3);
    expect(samples.get('rotor_edge_revision_lag{edge="edge-1"}')).toBe(3);
    expect(samples.get('rotor_edge_revision_lag{edge="edge-2"}')).toBe(0);
    expect(samples.get('rotor_edge_revision_lag{edge="edge-3"}')).toBe(93);
    expect(samples.get('rotor_edge_revision_lag{edge="edge-4"}')).toBe(0);
    expect(text).not.toContain('rotor_edge_revision_lag{edge="edge-5"}');
    expect(text).not.toContain('edge="edge-6"');
  });

  it("reports each live edge's traffic total from its usage reports", async () => {
    const { text, samples } = await scrape(
      sources({ edges: () => [edge(1, { reportedBytes: 5_000_000_000 }), edge(2, {}), edge(3, { reportedBytes: 7, revokedAt: ago(10) })] }),
    );
    expect(samples.get('rotor_edge_reported_bytes_total{edge="edge-1"}')).toBe(5_000_000_000);
    expect(samples.get('rotor_edge_reported_bytes_total{edge="edge-2"}')).toBe(0);
    expect(text).not.toContain('rotor_edge_reported_bytes_total{edge="edge-3"}');
    expect(text).toContain("# TYPE rotor_edge_reported_bytes_total counter");
  });

  it("drops a revoked edge's lag series at the next scrape", async () => {
    let edges = [edge(1, { lastSeenAt: ago(1_000), appliedRevision: "100" })];
    const registry = new Registry();
    registerStateCollectors(registry, sources({ edges: () => edges }));
    expect(sampleValues(await registry.metrics()).get('rotor_edge_revision_lag{edge="edge-1"}')).toBe(20);
    edges = [edge(1, { lastSeenAt: ago(1_000), appliedRevision: "100", revokedAt: ago(10) })];
    expect(await registry.metrics()).not.toContain('edge="edge-1"');
  });

  it("reports users by effective status, every status present, counted at the scrape's time", async () => {
    const asked: Date[] = [];
    const { samples } = await scrape(
      sources({
        usersByStatus: (now) => {
          asked.push(now);
          return { active: 7, disabled: 1, expired: 2, limited: 0 };
        },
      }),
    );
    expect(asked).toEqual([NOW]);
    expect(samples.get('rotor_users{status="active"}')).toBe(7);
    expect(samples.get('rotor_users{status="disabled"}')).toBe(1);
    expect(samples.get('rotor_users{status="expired"}')).toBe(2);
    expect(samples.get('rotor_users{status="limited"}')).toBe(0);
  });

  it("counts users again only once the last count is usersMaxAgeMs old", async () => {
    let clock = NOW;
    let counted = 0;
    const registry = new Registry();
    registerStateCollectors(
      registry,
      sources({
        now: () => clock,
        usersMaxAgeMs: 60_000,
        usersByStatus: () => ({ active: ++counted, disabled: 0, expired: 0, limited: 0 }),
      }),
    );
    const active = async () => sampleValues(await registry.metrics()).get('rotor_users{status="active"}');
    expect(await active()).toBe(1);
    clock = new Date(NOW.getTime() + 59_999);
    expect(await active()).toBe(1);
    clock = new Date(NOW.getTime() + 60_000);
    expect(await active()).toBe(2);
  });

  it("reports webhook deliveries still queued and given up on", async () => {
    const { samples } = await scrape(sources({ webhookDeliveries: () => ({ pending: 4, failed: 1 }) }));
    expect(samples.get('rotor_webhook_deliveries{status="pending"}')).toBe(4);
    expect(samples.get('rotor_webhook_deliveries{status="failed"}')).toBe(1);
  });
});
