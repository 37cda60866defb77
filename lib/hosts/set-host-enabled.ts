import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { hosts } from "@/lib/db/schema";
import { getHost, type Host } from "./get-host";
import { recordHostChanges } from "./record-host-changes";

/**
 * Enables or disables a host, audited as `host.enable` / `host.disable`. A disabled host leaves
 * subscriptions and the schedule, but edges keep accepting its paths (clients may still hold
 * them) until it is deleted. Setting the state it already has changes and audits nothing.
 */
export function setHostEnabled(db: Db, hostId: number, options: { enabled: boolean; actor: string }): Host {
  return db.transaction(
    (tx) => {
      const before = getHost(tx, hostId);
      if (before.enabled === options.enabled) return before;
      const host = tx.update(hosts).set({ enabled: options.enabled, updatedAt: new Date() }).where(eq(hosts.id, hostId)).returning().get();
      recordHostChanges(tx, { actor: options.actor, hostId, name: host.name, changes: { enabled: { from: before.enabled, to: host.enabled } } });
      return host;
    },
    { behavior: "immediate" },
  );
}
