import "server-only";
import { eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { asDuplicateConflict } from "@/lib/db/unique-violation";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { resolveLimitPatch } from "./limit-status";
import { resolveOnHoldPatch } from "./on-hold";
import { updateUserSchema, userIdSchema } from "./schema";
import { bumpVersion } from "./user-changes";

type UserRow = typeof users.$inferSelect;
type Patch = ReturnType<typeof updateUserSchema.parse>;
type Value = string | number | Date | null;

/**
 * PATCH a user: only the fields in `patch` (updateUserSchema) that differ from the stored row
 * are written and audited (`user.update`, with each field's old and new value), with what they
 * imply (on-hold.ts, limit-status.ts, a new reset schedule's start). A patch that changes nothing writes nothing, so the
 * subscription ETag stays as it is.
 */
export function updateUser(db: Db, options: { id: unknown; patch: unknown; actor: string; now?: Date }): UserRow {
  const id = parseInput(userIdSchema, options.id);
  const patch = parseInput(updateUserSchema, options.patch);
  try {
    return db.transaction((tx) => {
      const current = tx.select().from(users).where(eq(users.id, id)).get();
      if (!current) throw new AppError("not_found", `user ${id} does not exist`);
      const changes = changedFields(current, resolveLimitPatch(current, resolveOnHoldPatch(current, patch)));
      if (Object.keys(changes).length === 0) return current;
      const now = options.now ?? new Date();
      const updated = tx
        .update(users)
        .set({
          ...Object.fromEntries(Object.entries(changes).map(([field, change]) => [field, change.to])),
          // A new schedule counts its periods from now (reset-traffic.ts), not from the last reset.
          ...(changes.resetStrategy ? { resetStrategyChangedAt: now } : {}),
          ...bumpVersion(now),
        })
        .where(eq(users.id, id))
        .returning()
        .get();
      recordAudit(tx, {
        actor: options.actor,
        action: "user.update",
        target: `user:${id}`,
        details: { username: updated.username, changes: Object.fromEntries(Object.entries(changes).map(([field, change]) => [field, { from: auditValue(change.from), to: auditValue(change.to) }])) },
      });
      return updated;
    });
  } catch (error) {
    throw asDuplicateConflict(error, { table: "users", column: "username", field: "username", message: `a user named "${patch.username}" already exists` });
  }
}

function changedFields(current: UserRow, patch: Patch): Record<string, { from: Value; to: Value }> {
  const changes: Record<string, { from: Value; to: Value }> = {};
  for (const [field, value] of Object.entries(patch) as Array<[keyof Patch, Value | undefined]>) {
    if (value === undefined) continue;
    const stored = current[field];
    if (comparable(stored) !== comparable(value)) changes[field] = { from: stored, to: value };
  }
  return changes;
}

function comparable(value: Value): string | number | null {
  return value instanceof Date ? value.getTime() : value;
}

function auditValue(value: Value): string | number | null {
  return value instanceof Date ? value.toISOString() : value;
}
