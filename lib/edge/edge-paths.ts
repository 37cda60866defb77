import { z } from "zod";
import { TRANSPORTS, type Transport } from "@/lib/db/schema";
import { acceptedPaths, type AcceptedPath, type HostRotationState } from "@/lib/rotation/state";

export interface EdgeHostPaths {
  hostId: number;
  name: string;
  transport: Transport;
  current: string;
  /** current and next (acceptUntil null), then retired paths still within their grace. */
  accepted: AcceptedPath[];
}

/** The body of GET /api/edge/paths (DESIGN.md, Contract). */
export interface EdgePaths {
  /** The rotation store's revision these paths were read at; pass it back as `since` to wait for a change. */
  revision: string;
  hosts: EdgeHostPaths[];
}

export interface EdgeHostRow {
  id: number;
  name: string;
  transport: Transport;
}

/**
 * What every edge must accept right now, host by host. Disabled hosts are included: their
 * clients may still hold the profile, and a host stops being accepted when it is deleted.
 */
export function buildEdgePaths(hosts: readonly EdgeHostRow[], states: readonly HostRotationState[], revision: string, now: Date): EdgePaths {
  const byId = new Map(states.map((state) => [state.hostId, state]));
  return {
    revision,
    hosts: hosts.flatMap((host) => {
      const state = byId.get(host.id);
      if (!state) return [];
      return [{ hostId: host.id, name: host.name, transport: host.transport, current: state.path, accepted: acceptedPaths(state, now) }];
    }),
  };
}

/** The answer as an agent checks it: a malformed body is an error, never a map. */
export const edgePathsSchema: z.ZodType<EdgePaths> = z.object({
  revision: z.string().regex(/^\d+$/),
  hosts: z.array(
    z.object({
      hostId: z.number().int(),
      name: z.string(),
      transport: z.enum(TRANSPORTS),
      current: z.string().min(1),
      accepted: z.array(z.object({ path: z.string().min(1), acceptUntil: z.iso.datetime().nullable() })).min(1),
    }),
  ),
});
