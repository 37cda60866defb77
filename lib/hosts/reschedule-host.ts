import "server-only";
import { AppError } from "@/lib/errors";
import { loadRotationHost, type RotationDeps } from "@/lib/rotation/rotator";
import type { HostRotationState } from "@/lib/rotation/state";

const MAX_ATTEMPTS = 20;

/**
 * Brings a host's live `nextRotationAt` in line with its rotation interval, counted from its last
 * rotation (null for manual-only hosts). The state is otherwise only rewritten by rotations, so
 * without this a host switched from manual to every 6h would never be picked up by the scheduler.
 * No epoch or path changes. Returns the stored state, or null when the host has none yet (its
 * first state will be created with the new interval).
 */
export async function rescheduleHost(deps: Pick<RotationDeps, "db" | "store">, hostId: number): Promise<HostRotationState | null> {
  const host = loadRotationHost(deps.db, hostId);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const current = await deps.store.get(hostId);
    if (!current) return null;
    const nextRotationAt =
      host.rotationIntervalSeconds > 0 ? new Date(Date.parse(current.state.rotatedAt) + host.rotationIntervalSeconds * 1000).toISOString() : null;
    if (current.state.nextRotationAt === nextRotationAt) return current.state;
    const state = { ...current.state, nextRotationAt };
    const result = await deps.store.compareAndSwap(hostId, current.version, state);
    if (result.ok) return state;
    // Lost a race (say, with a rotation): re-read and recompute from the newer state.
  }
  throw new AppError("conflict", `host ${hostId}'s state kept changing while its schedule was updated; try again`);
}
