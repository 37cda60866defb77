import "server-only";
import { and, asc, count, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { recordAudit, type DbOrTx } from "@/lib/audit/record-audit";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import { ADMIN_ROLES, admins } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { oneOf, parseInput } from "@/lib/validation";
import { passwordSchema } from "./schema";

export function listAdmins(db: Db) {
  return db
    .select({ id: admins.id, username: admins.username, role: admins.role, createdAt: admins.createdAt, lastLoginAt: admins.lastLoginAt })
    .from(admins)
    .orderBy(asc(admins.id))
    .all();
}

const changeRoleSchema = z.object({ adminId: z.coerce.number().int().positive(), role: oneOf(ADMIN_ROLES) });

/** Changes an admin's role; the last owner can never be demoted, so the panel always has one. */
export function changeAdminRole(db: Db, input: unknown, options: { actor: string }) {
  const { adminId, role } = parseInput(changeRoleSchema, input);
  return db.transaction((tx) => {
    const admin = findAdmin(tx, adminId);
    if (admin.role === "owner" && role !== "owner") assertAnotherOwner(tx, adminId);
    tx.update(admins).set({ role }).where(eq(admins.id, adminId)).run();
    recordAudit(tx, { actor: options.actor, action: "admin.role", target: `admin:${adminId}`, details: { username: admin.username, from: admin.role, to: role } });
    return { ...admin, role };
  });
}

/** Deletes an admin; not oneself (sign-in would break mid-session) and never the last owner. */
export function deleteAdmin(db: Db, input: unknown, options: { actor: string; actorAdminId: number }) {
  const { adminId } = parseInput(z.object({ adminId: z.coerce.number().int().positive() }), input);
  if (adminId === options.actorAdminId) throw new AppError("conflict", "you cannot delete your own account; ask another owner");
  return db.transaction((tx) => {
    const admin = findAdmin(tx, adminId);
    if (admin.role === "owner") assertAnotherOwner(tx, adminId);
    tx.delete(admins).where(eq(admins.id, adminId)).run();
    recordAudit(tx, { actor: options.actor, action: "admin.delete", target: `admin:${adminId}`, details: { username: admin.username } });
    return admin;
  });
}

const changePasswordSchema = z
  .object({ currentPassword: z.string().min(1, "enter your current password"), newPassword: passwordSchema, confirmPassword: z.string() })
  .refine((fields) => fields.newPassword === fields.confirmPassword, { path: ["confirmPassword"], message: "does not match the new password" })
  .refine((fields) => fields.newPassword !== fields.currentPassword, { path: ["newPassword"], message: "must differ from the current password" });

/** An admin changes their own password; the current one is required, so a left-open session is not enough. */
export async function changeOwnPassword(db: Db, adminId: number, input: unknown, options: { actor: string }): Promise<void> {
  const fields = parseInput(changePasswordSchema, input);
  const admin = db.select().from(admins).where(eq(admins.id, adminId)).get();
  if (!admin) throw new AppError("not_found", "your account no longer exists");
  if (!(await verifyPassword(admin.passwordHash, fields.currentPassword))) {
    throw new AppError("invalid_request", "the current password is wrong", { issues: [{ field: "currentPassword", message: "is wrong" }] });
  }
  const passwordHash = await hashPassword(fields.newPassword);
  db.transaction((tx) => {
    tx.update(admins).set({ passwordHash }).where(eq(admins.id, adminId)).run();
    recordAudit(tx, { actor: options.actor, action: "admin.password", target: `admin:${adminId}`, details: { username: admin.username } });
  });
}

function findAdmin(tx: DbOrTx, adminId: number) {
  const admin = tx.select({ id: admins.id, username: admins.username, role: admins.role }).from(admins).where(eq(admins.id, adminId)).get();
  if (!admin) throw new AppError("not_found", `no admin with id ${adminId}`);
  return admin;
}

function assertAnotherOwner(tx: DbOrTx, exceptAdminId: number): void {
  const owners = tx.select({ value: count() }).from(admins).where(and(eq(admins.role, "owner"), ne(admins.id, exceptAdminId))).get()?.value ?? 0;
  if (owners === 0) throw new AppError("conflict", "this is the last owner; make another admin owner first");
}
