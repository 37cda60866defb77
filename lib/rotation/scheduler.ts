import "server-only";
import { and, eq, gt } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { hosts } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { NotLeaderError, rotateHost, type RotationDeps } from "./rotator";
import type { LiveSnapshot } from "./snapshot";
import type { HostRotationState } from "./state";
import type { Leadership } from "./store";

export interface SchedulerOptions {
  deps: RotationDeps;
  leadership: Leadership;
  snapshot: LiveSnapshot;
  tickMs?: number;
}

export interface Scheduler {
  /** One pass: rotate every due host (only on the leader). Exposed for tests. */
  tick: () => Promise<void>;
  stop: () => void;
}

const isDue = (state: HostRotationState, now: Date) =>
  state.nextRotationAt !== null && Date.parse(state.nextRotationAt) <= now.getTime();

/** Enabled hosts with a schedule: disabled or manual-only hosts are never rotated by the clock. */
function scheduledHostIds(db: Db): Set<number> {
  const rows = db
    .select({ id: hosts.id })
    .from(hosts)
    .where(and(eq(hosts.enabled, true), gt(hosts.rotationIntervalSeconds, 0)))
    .all();
  return new Set(rows.map((row) => row.id));
}

/**
 * Runs on every instance; only the leader acts. Each due host is rotated with a "still due"
 * re-check after every re-read, so a host is rotated once per slot even if two instances both
 * believe, for a moment, that they lead.
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const { deps, leadership, snapshot } = options;
  const now = deps.now ?? (() => new Date());
  let running: Promise<void> | undefined;
  let storeDownLogged = false;

  async function pass(): Promise<void> {
    if (!leadership.isLeader()) return;
    const scheduled = scheduledHostIds(deps.db);
    for (const state of snapshot.all()) {
      if (!scheduled.has(state.hostId) || !isDue(state, now())) continue;
      if (!leadership.isLeader()) return;
      try {
        await rotateHost(deps, {
          hostId: state.hostId,
          reason: "scheduled",
          actor: "scheduler",
          stillWanted: (current) => isDue(current, now()),
          leaderGuard: leadership.guard(),
        });
        storeDownLogged = false;
      } catch (error) {
        if (error instanceof NotLeaderError) return;
        if (error instanceof AppError && error.code === "store_unavailable") {
          if (!storeDownLogged) log.warn("scheduled rotation waits: the rotation store is unavailable");
          storeDownLogged = true;
          return;
        }
        if (error instanceof AppError && (error.code === "too_soon" || error.code === "not_found")) continue;
        log.error("scheduled rotation failed", { hostId: state.hostId, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  const tick = () => {
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer = setInterval(() => void tick(), options.tickMs ?? 1000);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
