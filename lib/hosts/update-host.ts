import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { hosts } from "@/lib/db/schema";
import { asDuplicateConflict } from "@/lib/db/unique-violation";
import { AppError } from "@/lib/errors";
import type { RotationDeps } from "@/lib/rotation/rotator";
import { parseInput } from "@/lib/validation";
import { getHost, type Host } from "./get-host";
import { HOST_FIELDS, hostPatchSchema, type HostField } from "./patch-schema";
import { recordHostChanges, type HostChanges } from "./record-host-changes";
import { rescheduleHost } from "./reschedule-host";
import { createHostSchema } from "./schema";

export interface UpdateHostResult {
  host: Host;
  /** The fields whose value changed; empty when the patch changed nothing (and nothing was audited). */
  changed: HostField[];
  /**
   * For a new rotation interval: "updated" when the live state's next rotation time was moved to
   * match, "deferred" when the rotation store was unreachable (the next rotation applies it).
   */
  schedule: "unchanged" | "updated" | "deferred";
}

/**
 * Changes some of a host's fields (PATCH semantics: absent fields keep their value). The merged
 * host is validated as a whole with createHostSchema, saved and audited in one transaction.
 * Transport, path prefix and grace shape paths generated or retired from now on; the current and
 * the announced next path stay as they are. A new rotation interval counts from the last rotation.
 */
export async function updateHost(
  deps: Pick<RotationDeps, "db" | "store" | "now">,
  hostId: number,
  input: unknown,
  options: { actor: string },
): Promise<UpdateHostResult> {
  const patch = parseInput(hostPatchSchema, input);
  const { host, changed } = savePatch(deps.db, hostId, patch, options.actor);
  if (!changed.includes("rotationIntervalSeconds")) return { host, changed, schedule: "unchanged" };
  try {
    await rescheduleHost(deps, hostId);
    return { host, changed, schedule: "updated" };
  } catch (error) {
    if (error instanceof AppError && error.code === "store_unavailable") return { host, changed, schedule: "deferred" };
    throw error;
  }
}

function savePatch(db: Db, hostId: number, patch: Partial<Record<HostField, unknown>>, actor: string): { host: Host; changed: HostField[] } {
  try {
    // IMMEDIATE: the merge reads the row it then writes, so take the write lock first (see history.ts).
    return db.transaction(
      (tx) => {
        const before = getHost(tx, hostId);
        const fields = parseInput(createHostSchema, { ...pick(before), ...patch });
        const changes: HostChanges = {};
        for (const field of HOST_FIELDS) {
          if (fields[field] !== before[field]) changes[field] = { from: before[field], to: fields[field] };
        }
        const changed = Object.keys(changes) as HostField[];
        if (changed.length === 0) return { host: before, changed };
        const host = tx.update(hosts).set({ ...fields, updatedAt: new Date() }).where(eq(hosts.id, hostId)).returning().get();
        recordHostChanges(tx, { actor, hostId, name: host.name, changes });
        return { host, changed };
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    const name = typeof patch.name === "string" ? patch.name.trim() : "";
    throw asDuplicateConflict(error, { table: "hosts", column: "name", field: "name", message: `a host named "${name}" already exists` });
  }
}

function pick(host: Host): Record<HostField, unknown> {
  return Object.fromEntries(HOST_FIELDS.map((field) => [field, host[field]])) as Record<HostField, unknown>;
}
