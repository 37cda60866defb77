import "server-only";
import { eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/record-audit";
import { catalogChanged } from "@/lib/subscription/catalog";
import { hosts } from "@/lib/db/schema";
import { loadRotationHost, type RotationDeps } from "@/lib/rotation/rotator";

/**
 * Deletes a host: its live rotation state first, so edges stop accepting its paths even if the
 * rest fails, then the host row (its history goes with it), audited.
 */
export async function deleteHost(deps: Pick<RotationDeps, "db" | "store">, hostId: number, options: { actor: string }): Promise<void> {
  loadRotationHost(deps.db, hostId);
  await deps.store.delete(hostId);
  deps.db.transaction((tx) => {
    const [removed] = tx.delete(hosts).where(eq(hosts.id, hostId)).returning({ name: hosts.name }).all();
    catalogChanged(); // this process's own write: PRAGMA data_version would not show it
    recordAudit(tx, { actor: options.actor, action: "host.delete", target: `host:${hostId}`, details: { name: removed?.name } });
  });
}
