import "server-only";
import { AppError } from "@/lib/errors";
import type { RotationEngine } from "./engine";
import { loadRotationHost } from "./rotator";
import type { HostRotationState } from "./state";

/** A host's state from the live snapshot; 404 for an unknown host or one with no state yet. */
export function readHostState(engine: Pick<RotationEngine, "snapshot" | "deps">, hostId: number): HostRotationState {
  loadRotationHost(engine.deps.db, hostId);
  const state = engine.snapshot.get(hostId);
  if (!state) throw new AppError("not_found", `host ${hostId} has no rotation state yet`);
  return state;
}
