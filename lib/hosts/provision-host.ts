import "server-only";
import { AppError } from "@/lib/errors";
import { initializeHostState, type RotationDeps } from "@/lib/rotation/rotator";
import type { HostRotationState } from "@/lib/rotation/state";
import { createHost } from "./create-host";
import type { Host } from "./get-host";

/**
 * Creates a host (validated and audited by createHost) and its epoch-1 rotation state, as
 * `host:add` does. If the rotation store is unreachable the host is still created with `state`
 * null: the server gives it its first path once the store answers (ensureHostStates).
 */
export async function provisionHost(deps: RotationDeps, input: unknown, options: { actor: string }): Promise<{ host: Host; state: HostRotationState | null }> {
  const host = createHost(deps.db, input, options);
  try {
    const { state } = await initializeHostState(deps, host.id, options.actor);
    return { host, state };
  } catch (error) {
    if (error instanceof AppError && error.code === "store_unavailable") return { host, state: null };
    throw error;
  }
}
