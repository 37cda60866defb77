import "server-only";
import type { Db } from "@/lib/db/client";
import type { SnapshotStatus } from "@/lib/rotation/snapshot";
import type { StoreHealth } from "@/lib/rotation/store";

export interface CheckResult {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

export interface RotationCheck {
  ok: boolean;
  store: "etcd" | "embedded";
  detail: string;
  snapshot: Omit<SnapshotStatus, "lastSyncAt"> & { lastSyncAt: string | null };
}

export interface Readiness {
  /** ready: all well; degraded: subscriptions served from the last snapshot; unavailable: cannot serve. */
  status: "ready" | "degraded" | "unavailable";
  checks: { database: CheckResult; rotation: RotationCheck };
}

export interface ReadinessSources {
  db: () => Db;
  rotation: () => Promise<{ kind: "etcd" | "embedded"; health: () => Promise<StoreHealth>; snapshot: () => SnapshotStatus }>;
}

/** Whether this instance can serve: the database answers, and the rotation snapshot is loaded and live. */
export async function checkReadiness(sources: ReadinessSources): Promise<Readiness> {
  const database = timeCheck(() => {
    sources.db().$client.prepare("SELECT 1").get();
  });
  const rotationSource = await sources.rotation();
  const health = await rotationSource.health();
  const snapshot = rotationSource.snapshot();
  const rotation: RotationCheck = {
    ok: health.ok && snapshot.connected,
    store: rotationSource.kind,
    detail: health.ok && !snapshot.connected ? `watch reconnecting: ${snapshot.lastError ?? "disconnected"}` : health.detail,
    snapshot: { ...snapshot, lastSyncAt: snapshot.lastSyncAt?.toISOString() ?? null },
  };
  const status = !database.ok || !snapshot.loaded ? "unavailable" : rotation.ok ? "ready" : "degraded";
  return { status, checks: { database, rotation } };
}

function timeCheck(probe: () => void): CheckResult {
  const started = performance.now();
  try {
    probe();
    return { ok: true, latencyMs: roundMs(performance.now() - started) };
  } catch (error) {
    return { ok: false, latencyMs: roundMs(performance.now() - started), error: error instanceof Error ? error.message : String(error) };
  }
}

const roundMs = (ms: number) => Math.round(ms * 100) / 100;
