import "server-only";
import { count } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { admins } from "@/lib/db/schema";
import { createAdmin } from "./create-admin";

export type FirstAdminOutcome =
  | { kind: "exists" }
  | { kind: "created"; username: string }
  | { kind: "missing" };

/**
 * Creates the first admin (role owner) from the given credentials when the admins table is
 * empty. Never touches an existing admin: the env is for bootstrapping, not for resets.
 */
export async function ensureFirstAdmin(
  db: Db,
  credentials: { username?: string; password?: string },
): Promise<FirstAdminOutcome> {
  if (countAdmins(db) > 0) return { kind: "exists" };
  if (!credentials.username || !credentials.password) return { kind: "missing" };
  const admin = await createAdmin(
    db,
    { username: credentials.username, password: credentials.password, role: "owner" },
    { actor: "system:bootstrap" },
  );
  return { kind: "created", username: admin.username };
}

export function countAdmins(db: Db): number {
  return db.select({ value: count() }).from(admins).get()?.value ?? 0;
}
