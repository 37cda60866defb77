import "server-only";
import type { Db } from "@/lib/db/client";

export interface CheckResult {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

export interface Readiness {
  status: "ready" | "unavailable";
  checks: { database: CheckResult };
}

/** Whether this instance can serve: the database answers a query. */
export function checkReadiness(db: () => Db): Readiness {
  const database = timeCheck(() => {
    db().$client.prepare("SELECT 1").get();
  });
  return { status: database.ok ? "ready" : "unavailable", checks: { database } };
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
