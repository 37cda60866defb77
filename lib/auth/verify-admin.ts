import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { admins } from "@/lib/db/schema";
import { hashPassword, verifyPassword } from "./password";

/** Hashed once per process: checking an unknown username costs as much as a known one. */
let decoyHash: Promise<string> | undefined;

/** The admin with these credentials (and records the login), or null. Constant work either way. */
export async function verifyAdminCredentials(db: Db, username: string, password: string) {
  const admin = db.select().from(admins).where(eq(admins.username, username)).get();
  if (!admin) {
    decoyHash ??= hashPassword("decoy password for unknown usernames");
    await verifyPassword(await decoyHash, password);
    return null;
  }
  if (!(await verifyPassword(admin.passwordHash, password))) return null;
  db.update(admins).set({ lastLoginAt: new Date() }).where(eq(admins.id, admin.id)).run();
  return { id: admin.id, username: admin.username, role: admin.role };
}
