import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import { admins } from "@/lib/db/schema";
import { asDuplicateConflict } from "@/lib/db/unique-violation";
import { parseInput } from "@/lib/validation";
import { createAdminSchema } from "./schema";

/** Creates an admin (input validated with createAdminSchema) with an argon2id password hash, and audits it. */
export async function createAdmin(db: Db, input: unknown, options: { actor: string }) {
  const fields = parseInput(createAdminSchema, input);
  const passwordHash = await hashPassword(fields.password);
  try {
    return db.transaction((tx) => {
      const admin = tx
        .insert(admins)
        .values({ username: fields.username, passwordHash, role: fields.role })
        .returning({ id: admins.id, username: admins.username, role: admins.role, createdAt: admins.createdAt })
        .get();
      recordAudit(tx, {
        actor: options.actor,
        action: "admin.create",
        target: `admin:${admin.id}`,
        details: { username: admin.username, role: admin.role },
      });
      return admin;
    });
  } catch (error) {
    throw asDuplicateConflict(error, { table: "admins", column: "username", field: "username", message: `an admin named "${fields.username}" already exists` });
  }
}
