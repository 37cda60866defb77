import "server-only";
import { eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { extendDaysSchema, userIdSchema } from "./schema";
import { writeExtension } from "./user-changes";

/**
 * Moves a user's expiry `days` later (from now if it has passed), audited as `user.extend`.
 * A user who never expires is left alone and `extended` is false.
 */
export function extendUserExpiry(db: Db, options: { id: unknown; days: unknown; actor: string; now?: Date }) {
  const id = parseInput(userIdSchema, options.id);
  const days = parseInput(extendDaysSchema, options.days);
  return db.transaction((tx) => {
    const user = tx.select({ username: users.username, expiresAt: users.expiresAt }).from(users).where(eq(users.id, id)).get();
    if (!user) throw new AppError("not_found", `user ${id} does not exist`);
    const [extended] = writeExtension(tx, [id], days, options.now ?? new Date());
    if (!extended) return { id, username: user.username, expiresAt: user.expiresAt, extended: false };
    recordAudit(tx, {
      actor: options.actor,
      action: "user.extend",
      target: `user:${id}`,
      details: { username: user.username, days, from: user.expiresAt?.toISOString() ?? null, to: extended.expiresAt?.toISOString() ?? null },
    });
    return { id, username: user.username, expiresAt: extended.expiresAt, extended: true };
  });
}
