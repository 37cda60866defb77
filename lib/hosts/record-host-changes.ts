import "server-only";
import { recordAudit, type DbOrTx } from "@/lib/audit/record-audit";
import { catalogChanged } from "@/lib/subscription/catalog";
import type { HostField } from "./patch-schema";

export type HostChanges = Partial<Record<HostField, { from: unknown; to: unknown }>>;

/**
 * Audits a change to a host inside its transaction: enabling or disabling is its own entry
 * (`host.enable` / `host.disable`, so "who took this host offline" is one filter away), every
 * other changed field goes into one `host.update` entry with its old and new value. It also
 * tells /sub's catalog to reload (safe inside the transaction: better-sqlite3 commits
 * synchronously, so no request can reload before the commit).
 */
export function recordHostChanges(tx: DbOrTx, entry: { actor: string; hostId: number; name: string; changes: HostChanges }): void {
  const { enabled, ...rest } = entry.changes;
  const target = `host:${entry.hostId}`;
  catalogChanged();
  if (Object.keys(rest).length > 0) {
    recordAudit(tx, { actor: entry.actor, action: "host.update", target, details: { name: entry.name, changes: rest } });
  }
  if (enabled) {
    recordAudit(tx, { actor: entry.actor, action: enabled.to ? "host.enable" : "host.disable", target, details: { name: entry.name } });
  }
}
