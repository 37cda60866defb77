"use server";

import { adminAction, type ActionState } from "@/lib/admin/admin-action";
import { changeOwnPassword } from "@/lib/admins/manage-admins";
import { adminActor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";

export async function changePasswordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return adminAction("view", async (admin) => {
    await changeOwnPassword(
      getDb(),
      admin.id,
      { currentPassword: formData.get("currentPassword"), newPassword: formData.get("newPassword"), confirmPassword: formData.get("confirmPassword") },
      { actor: adminActor(admin.name) },
    );
    return { ok: true, message: "Password changed. Use the new one next time you sign in." };
  });
}
