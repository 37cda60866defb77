import "server-only";
import { AppError } from "@/lib/errors";
import type { RotationEngine } from "@/lib/rotation/engine";
import { rotateHost } from "@/lib/rotation/rotator";
import type { HostRotationState } from "@/lib/rotation/state";
import { waitForHostState } from "./wait-for-host-state";

/**
 * A manual rotation from the admin UI: rotateHost, then a wait until this instance's snapshot
 * shows the new epoch. A refusal inside the announce window says how long ago the next path was
 * announced and how long to wait, in those words.
 */
export async function rotateHostNow(
  engine: Pick<RotationEngine, "deps" | "snapshot">,
  hostId: number,
  options: { actor: string },
): Promise<HostRotationState> {
  try {
    const { state } = await rotateHost(engine.deps, { hostId, reason: "manual", actor: options.actor });
    await waitForHostState(engine.snapshot, hostId, (live) => (live?.epoch ?? 0) >= state.epoch);
    return state;
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "too_soon") throw error;
    const retryAfterSeconds = error.details.retryAfterSeconds ?? 1;
    const announcedAt = engine.snapshot.get(hostId)?.rotatedAt;
    const now = (engine.deps.now ?? (() => new Date()))();
    const ago = announcedAt ? Math.max(0, Math.floor((now.getTime() - Date.parse(announcedAt)) / 1000)) : undefined;
    const announced = ago === undefined ? "the next path was announced to edges moments ago" : `the next path was announced ${ago} s ago`;
    throw new AppError("too_soon", `Too soon: ${announced}; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
  }
}
