import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { parseInput } from "@/lib/validation";
import { bulkUsersSchema, type BulkAction } from "./schema";
import { writeDeletion, writeExtension, writeNewTokens, writeStatus } from "./user-changes";

export interface BulkResult {
  action: BulkAction;
  /** How many distinct ids were asked for. */
  requested: number;
  /** The users actually changed (already-enabled users are not enabled again, unknown ids are skipped). */
  changedIds: number[];
}

/**
 * Applies one action to up to BULK_LIMIT users (bulkUsersSchema) in one transaction, audited as
 * one `user.bulk_<action>` entry listing the changed ids: all of it happens, or none of it.
 */
export function bulkUpdateUsers(db: Db, input: unknown, options: { actor: string; now?: Date }): BulkResult {
  const command = parseInput(bulkUsersSchema, input);
  const now = options.now ?? new Date();
  return db.transaction((tx) => {
    const unordered = (() => {
      switch (command.action) {
        case "enable":
          return writeStatus(tx, command.ids, "active", now);
        case "disable":
          return writeStatus(tx, command.ids, "disabled", now);
        case "extend":
          return writeExtension(tx, command.ids, command.days, now);
        case "reset_token":
          return writeNewTokens(tx, command.ids, now);
        case "delete":
          return writeDeletion(tx, command.ids);
      }
    })();
    // Ascending ids, with deleted usernames in the same order (webhook events pair them up).
    const changed = [...unordered].sort((a, b) => a.id - b.id);
    const changedIds = changed.map((user) => user.id);
    recordAudit(tx, {
      actor: options.actor,
      action: `user.bulk_${command.action}`,
      target: "users",
      details: {
        requested: command.ids.length,
        ids: changedIds,
        ...(command.action === "extend" ? { days: command.days } : {}),
        // Deleted users leave no row to look their names up in later.
        ...(command.action === "delete" ? { usernames: changed.map((user) => user.username) } : {}),
      },
    });
    return { action: command.action, requested: command.ids.length, changedIds };
  });
}
