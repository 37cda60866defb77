import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "./auth";

/** The signed-in admin for this request (deduplicated per render). */
export const currentAdmin = cache(async () => (await auth())?.user ?? null);

/** The signed-in admin, or a redirect to /login: every admin page calls this itself. */
export async function requireAdmin() {
  const admin = await currentAdmin();
  if (!admin) redirect("/login");
  return admin;
}
