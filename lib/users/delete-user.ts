import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { userIdSchema } from "./schema";
import { writeDeletion } from "./user-changes";

/** Deletes a user and their fetch history, audited as `user.delete` with the username. */
export function deleteUser(db: Db, options: { id: unknown; actor: string }) {
  const id = parseInput(userIdSchema, options.id);
  return db.transaction((tx) => {
    const [user] = writeDeletion(tx, [id]);
    if (!user) throw new AppError("not_found", `user ${id} does not exist`);
    recordAudit(tx, { actor: options.actor, action: "user.delete", target: `user:${id}`, details: { username: user.username } });
    return user;
  });
}
