import "server-only";
import type { Db } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema";
import { enqueueAuditEvents } from "@/lib/webhooks/enqueue";

/** A database handle or an open transaction on it. */
export type DbOrTx = Pick<Db, "insert" | "select" | "update" | "delete">;

export interface AuditEntry {
  actor: string;
  action: string;
  target?: string;
  details?: Record<string, unknown>;
}

/**
 * Appends one audit entry; call it inside the transaction of the change it records. User
 * actions also queue their webhook events there (lib/webhooks/enqueue), so no change is
 * committed without its event, nor an event without its change.
 */
export function recordAudit(db: DbOrTx, entry: AuditEntry): void {
  db.insert(auditLog)
    .values({ actor: entry.actor, action: entry.action, target: entry.target ?? "", details: entry.details ?? {} })
    .run();
  enqueueAuditEvents(db, entry);
}
