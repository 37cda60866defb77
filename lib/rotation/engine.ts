import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { ensureHostStates } from "./ensure-host-states";
import { reconcileHistory, recordRotation } from "./history";
import type { RotationDeps } from "./rotator";
import { startScheduler, type Scheduler } from "./scheduler";
import { LiveSnapshot } from "./snapshot";
import type { Leadership, RotationStore } from "./store";

export interface RotationEngine {
  instanceId: string;
  store: RotationStore;
  snapshot: LiveSnapshot;
  leadership: Leadership;
  scheduler: Scheduler;
  /** For manual rotations (API, UI): any instance may rotate; only the schedule is the leader's. */
  deps: RotationDeps;
  stop: () => Promise<void>;
}

export interface RotationEngineOptions {
  db: Db;
  store: RotationStore;
  instanceId?: string;
  schedulerTickMs?: number;
  /** See RotationDeps.onRotateError: applies to the scheduler's and the manual rotations. */
  onRotateError?: RotationDeps["onRotateError"];
}

/**
 * One app instance's rotation machinery: the live snapshot (with the history and reconcile
 * hooks every instance runs), a campaign for the scheduler's leadership, and the scheduler.
 */
export async function startRotationEngine(options: RotationEngineOptions): Promise<RotationEngine> {
  const { db, store } = options;
  const instanceId = options.instanceId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  const leadership = store.campaign("rotator", instanceId);
  const deps: RotationDeps = { db, store, onRotateError: options.onRotateError };

  const snapshot = new LiveSnapshot(store, {
    onState: (state) => recordRotation(db, state),
    onReload: (states) => {
      const restored = reconcileHistory(db, states);
      if (restored > 0) log.info("reconcile restored rotation history rows", { rows: restored });
      void ensureHostStates(deps, new Set(states.map((state) => state.hostId)));
    },
  });
  await snapshot.start();
  const scheduler = startScheduler({ deps, leadership, snapshot, tickMs: options.schedulerTickMs });

  return {
    instanceId,
    store,
    snapshot,
    leadership,
    scheduler,
    deps,
    async stop() {
      scheduler.stop();
      await snapshot.stop();
      await store.close();
    },
  };
}
