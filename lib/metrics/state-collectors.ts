import { Counter, Gauge, type Registry } from "prom-client";
import { USER_STATUSES, type UserStatus } from "@/lib/db/schema";
import type { EdgeNode } from "@/lib/edge/edge-nodes";
import { EDGE_SILENT_AFTER_MS } from "@/lib/edge/edge-status";
import type { SnapshotStatus } from "@/lib/rotation/snapshot";
import type { StoreHealth } from "@/lib/rotation/store";

/** What the scrape-time gauges read; the server passes the real engine and database. */
export interface StateSources {
  /** Known at start from the environment, so rotor_etcd_up exists only when etcd is used. */
  storeKind: "etcd" | "embedded";
  rotation: () => Promise<{ health: () => Promise<StoreHealth>; snapshot: () => SnapshotStatus }>;
  edges: () => EdgeNode[];
  usersByStatus: (now: Date) => Record<UserStatus, number>;
  /** Webhook deliveries waiting to be sent (or retried) and those given up on. */
  webhookDeliveries: () => { pending: number; failed: number };
  /** Reuse a user count this young instead of counting again (it scans users: ~30 ms per 100k). */
  usersMaxAgeMs?: number;
  now: () => Date;
}

/**
 * Gauges computed when Prometheus scrapes (prom-client's collect callbacks): nothing on the
 * request path keeps them current, and a scrape always sees the state of that moment.
 */
export function registerStateCollectors(registry: Registry, sources: StateSources): void {
  const registers = [registry];
  new Gauge({
    name: "rotor_rotation_store_info",
    help: "The live rotation store this instance uses (value always 1): etcd, or embedded (SQLite, single instance).",
    labelNames: ["kind"],
    registers,
  }).set({ kind: sources.storeKind }, 1);

  if (sources.storeKind === "etcd") {
    new Gauge({
      name: "rotor_etcd_up",
      help: "1 when etcd answers this instance's health check at scrape time, else 0 (rotations fail; /sub serves the last snapshot).",
      registers,
      async collect() {
        const rotation = await sources.rotation();
        this.set((await rotation.health()).ok ? 1 : 0);
      },
    });
  }

  new Gauge({
    name: "rotor_snapshot_age_seconds",
    help: "Seconds since the live snapshot last heard from the rotation store (a load or a change); it grows while nothing rotates.",
    registers,
    async collect() {
      const { lastSyncAt } = (await sources.rotation()).snapshot();
      this.set(lastSyncAt ? Math.max(0, (sources.now().getTime() - lastSyncAt.getTime()) / 1000) : Number.NaN);
    },
  });

  new Gauge({
    name: "rotor_edges_connected",
    help: `Live (not revoked) edge nodes that polled within the last ${EDGE_SILENT_AFTER_MS / 1000} s.`,
    registers,
    collect() {
      const now = sources.now().getTime();
      this.set(sources.edges().filter((edge) => !edge.revokedAt && edge.lastSeenAt && now - edge.lastSeenAt.getTime() <= EDGE_SILENT_AFTER_MS).length);
    },
  });

  new Gauge({
    name: "rotor_edge_revision_lag",
    help: "This instance's rotation revision minus the revision each live edge last reported applied (0 when current or ahead).",
    labelNames: ["edge"],
    registers,
    async collect() {
      const revision = BigInt((await sources.rotation()).snapshot().revision);
      // Rebuilt on every scrape, so a revoked or renamed edge's series disappears.
      this.reset();
      for (const edge of sources.edges()) {
        if (edge.revokedAt || edge.appliedRevision === null) continue;
        const lag = revision - BigInt(edge.appliedRevision);
        this.set({ edge: edge.name }, lag > 0n ? Number(lag) : 0);
      }
    },
  });

  new Counter({
    name: "rotor_edge_reported_bytes_total",
    help: "Bytes (upload + download) of Rotor's users each live edge has reported in usage reports, each report counted once.",
    labelNames: ["edge"],
    registers,
    collect() {
      // The total lives in SQLite (every instance sees the same one); set afresh on each scrape.
      this.reset();
      for (const edge of sources.edges()) if (!edge.revokedAt) this.inc({ edge: edge.name }, edge.reportedBytes);
    },
  });

  let users: { at: number; counts: Record<UserStatus, number> } | undefined;
  new Gauge({
    name: "rotor_users",
    help: "Users by effective status (an active user past expiry counts as expired, one over the data limit as limited); recounted at most once a minute.",
    labelNames: ["status"],
    registers,
    collect() {
      const now = sources.now();
      if (!users || now.getTime() - users.at >= (sources.usersMaxAgeMs ?? 0)) {
        users = { at: now.getTime(), counts: sources.usersByStatus(now) };
      }
      for (const status of USER_STATUSES) this.set({ status }, users.counts[status]);
    },
  });

  new Gauge({
    name: "rotor_webhook_deliveries",
    help: "Webhook deliveries by state: pending (queued or waiting to be retried) and failed (given up after a day; kept 30 days).",
    labelNames: ["status"],
    registers,
    collect() {
      const counts = sources.webhookDeliveries();
      this.set({ status: "pending" }, counts.pending);
      this.set({ status: "failed" }, counts.failed);
    },
  });
}
