"use server";

import { revalidatePath } from "next/cache";
import { adminAction, type ActionState } from "@/lib/admin/admin-action";
import { createAdmin } from "@/lib/admins/create-admin";
import { changeAdminRole, deleteAdmin } from "@/lib/admins/manage-admins";
import { adminActor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";

export async function createAdminAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return adminAction("own", async (admin) => {
    const created = await createAdmin(
      getDb(),
      { username: formData.get("username"), password: formData.get("password"), role: formData.get("role") },
      { actor: adminActor(admin.name) },
    );
    revalidatePath("/admins");
    return { ok: true, message: `Created ${created.role} "${created.username}".` };
  });
}

export async function changeRoleAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return adminAction("own", (admin) => {
    const changed = changeAdminRole(getDb(), { adminId: formData.get("adminId"), role: formData.get("role") }, { actor: adminActor(admin.name) });
    revalidatePath("/admins");
    return { ok: true, message: `"${changed.username}" is now ${changed.role}.` };
  });
}

export async function deleteAdminAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return adminAction("own", (admin) => {
    const deleted = deleteAdmin(getDb(), { adminId: formData.get("adminId") }, { actor: adminActor(admin.name), actorAdminId: admin.id });
    revalidatePath("/admins");
    return { ok: true, message: `Deleted "${deleted.username}".` };
  });
}
