import "server-only";
import { asc } from "drizzle-orm";
import { hosts } from "@/lib/db/schema";
import { log } from "@/lib/log";
import { initializeHostState, type RotationDeps } from "./rotator";

/**
 * Gives every host that has no live state its epoch-1 state: a host created while the store was
 * unreachable (or before the rotation engine existed) gets one as soon as the store answers.
 */
export async function ensureHostStates(deps: RotationDeps, known: ReadonlySet<number>): Promise<number> {
  let created = 0;
  for (const { id } of deps.db.select({ id: hosts.id }).from(hosts).orderBy(asc(hosts.id)).all()) {
    if (known.has(id)) continue;
    try {
      await initializeHostState(deps, id, "system:reconcile");
      created += 1;
    } catch (error) {
      log.warn("could not create a host's initial rotation state", { hostId: id, error: error instanceof Error ? error.message : String(error) });
      break;
    }
  }
  return created;
}
