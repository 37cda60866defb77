import "server-only";
import { notFound, redirect } from "next/navigation";
import { eq } from "drizzle-orm";
import { cache } from "react";
import { getDb } from "@/lib/db/client";
import { admins, type AdminRole } from "@/lib/db/schema";
import { auth } from "./auth";
import { can, type Permission } from "./roles";
import { sessionIsLive } from "./session-revocation";

export interface SignedInAdmin {
  id: number;
  name: string;
  role: AdminRole;
}

/**
 * The signed-in admin for this request (deduplicated per render), read from the database rather
 * than the session cookie: a demoted or deleted admin loses the old rights at once, not when
 * the session expires; a signed-out session stays out even if its cookie comes back.
 */
export const currentAdmin = cache(async (): Promise<SignedInAdmin | null> => {
  const user = (await auth())?.user;
  if (typeof user?.adminId !== "number") return null;
  const row = getDb()
    .select({ id: admins.id, name: admins.username, role: admins.role })
    .from(admins)
    .where(eq(admins.id, user.adminId))
    .get();
  if (!row || !sessionIsLive(getDb(), user.sessionId)) return null;
  return { id: row.id, name: row.name, role: row.role };
});

/** The signed-in admin, or a redirect to /login: every admin page calls this itself. */
export async function requireAdmin(): Promise<SignedInAdmin> {
  const admin = await currentAdmin();
  if (!admin) redirect("/login");
  return admin;
}

/** For pages: the signed-in admin if their role grants `permission`; a page they may not see does not exist for them. */
export async function requirePermission(permission: Permission): Promise<SignedInAdmin> {
  const admin = await requireAdmin();
  if (!can(admin.role, permission)) notFound();
  return admin;
}
