import "server-only";
import { eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { userIdSchema } from "./schema";
import { writeStatus } from "./user-changes";

/**
 * Enables (stored status "active") or disables a user, audited as `user.enable` / `user.disable`.
 * A user who already has that status is left alone: nothing is written or audited.
 */
export function setUserStatus(db: Db, options: { id: unknown; enabled: boolean; actor: string; now?: Date }) {
  const id = parseInput(userIdSchema, options.id);
  return db.transaction((tx) => {
    const user = tx.select({ id: users.id, username: users.username, status: users.status }).from(users).where(eq(users.id, id)).get();
    if (!user) throw new AppError("not_found", `user ${id} does not exist`);
    const changed = writeStatus(tx, [id], options.enabled ? "active" : "disabled", options.now ?? new Date());
    if (changed.length > 0) {
      recordAudit(tx, {
        actor: options.actor,
        action: options.enabled ? "user.enable" : "user.disable",
        target: `user:${id}`,
        details: { username: user.username, from: user.status },
      });
    }
    return { id, username: user.username, changed: changed.length > 0 };
  });
}
