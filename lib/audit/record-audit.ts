import "server-only";
import type { Db } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema";

/** A database handle or an open transaction on it. */
export type DbOrTx = Pick<Db, "insert" | "select" | "update" | "delete">;

export interface AuditEntry {
  actor: string;
  action: string;
  target?: string;
  details?: Record<string, unknown>;
}

/** Appends one audit entry; call it inside the transaction of the change it records. */
export function recordAudit(db: DbOrTx, entry: AuditEntry): void {
  db.insert(auditLog)
    .values({ actor: entry.actor, action: entry.action, target: entry.target ?? "", details: entry.details ?? {} })
    .run();
}
