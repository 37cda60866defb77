import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { userIdSchema } from "./schema";
import { writeNewTokens } from "./user-changes";

/**
 * Gives a user a new subscription token (audited as `user.reset_token`, without the token): the
 * old URL answers 404 from this commit on, since /sub looks every request up by the token's hash.
 */
export function resetUserToken(db: Db, options: { id: unknown; actor: string; now?: Date }) {
  const id = parseInput(userIdSchema, options.id);
  return db.transaction((tx) => {
    const [user] = writeNewTokens(tx, [id], options.now ?? new Date());
    if (!user) throw new AppError("not_found", `user ${id} does not exist`);
    recordAudit(tx, { actor: options.actor, action: "user.reset_token", target: `user:${id}`, details: { username: user.username } });
    return user;
  });
}
