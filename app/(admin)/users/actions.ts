"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { adminAction, type ActionState } from "@/lib/admin/admin-action";
import { adminActor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { resetUserTraffic } from "@/lib/usage/reset-traffic";
import { bulkUpdateUsers } from "@/lib/users/bulk-update-users";
import { createUser } from "@/lib/users/create-user";
import { deleteUser } from "@/lib/users/delete-user";
import { resetUserToken } from "@/lib/users/reset-user-token";
import { userIdSchema, type BulkAction } from "@/lib/users/schema";
import { setUserStatus } from "@/lib/users/set-user-status";
import { updateUser } from "@/lib/users/update-user";
import { bulkFormInput, parseCreateUserForm, parseUserPatchForm, USER_FORM_FIELDS } from "@/lib/users/user-form";
import { parseInput } from "@/lib/validation";

/** A user form's state: the texts sent come back, so a refused form shows what was typed, not the defaults. */
export type UserFormState = ActionState & { values?: Record<string, string> };

function submittedTexts(formData: FormData): Record<string, string> {
  return Object.fromEntries(USER_FORM_FIELDS.map((field) => [field, String(formData.get(field) ?? "")]));
}

/** A refused form keeps what was typed (adminAction already points the summary at the marked fields). */
function refused(result: ActionState, formData: FormData): UserFormState {
  return { ...result, values: submittedTexts(formData) };
}

export async function createUserAction(_previous: UserFormState, formData: FormData): Promise<UserFormState> {
  const result = await adminAction("manage", (admin) => {
    const user = createUser(getDb(), parseCreateUserForm(formData), { actor: adminActor(admin.name) });
    revalidatePath("/users");
    redirect(`/users/${user.id}`);
  });
  return refused(result, formData);
}

export async function updateUserAction(_previous: UserFormState, formData: FormData): Promise<UserFormState> {
  const result = await adminAction("manage", (admin) => {
    const id = parseInput(userIdSchema, formData.get("id"));
    const patch = parseUserPatchForm(formData);
    if (Object.keys(patch).length === 0) return { ok: true, message: "Nothing to save: no field was changed." };
    updateUser(getDb(), { id, patch, actor: adminActor(admin.name) });
    revalidatePath("/users");
    revalidatePath(`/users/${id}`);
    return { ok: true, message: "Saved." };
  });
  // After a save the page shows the stored values; after a refusal, what the admin typed.
  return result.ok ? result : refused(result, formData);
}

/** The buttons on a user's page: enable, disable, reset traffic, reset the token, delete. */
export async function userCommandAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return adminAction("manage", (admin) => {
    const db = getDb();
    const id = parseInput(userIdSchema, formData.get("id"));
    const actor = adminActor(admin.name);
    const intent = formData.get("intent");
    let message: string;
    if (intent === "enable" || intent === "disable") {
      setUserStatus(db, { id, enabled: intent === "enable", actor });
      message = intent === "enable" ? "Enabled." : "Disabled: the subscription now answers 403.";
    } else if (intent === "reset_traffic") {
      resetUserTraffic(db, { id, actor });
      message = "Traffic reset to 0.";
    } else if (intent === "reset_token") {
      resetUserToken(db, { id, actor });
      message = "New subscription URL created. The old one no longer works.";
    } else if (intent === "delete") {
      deleteUser(db, { id, actor });
      revalidatePath("/users");
      redirect("/users");
    } else {
      throw new AppError("invalid_request", "Unknown action.");
    }
    revalidatePath("/users");
    revalidatePath(`/users/${id}`);
    return { ok: true, message };
  });
}

/** What the message says was done, and why some selected users were left alone. */
const BULK_DONE: Record<BulkAction, [done: string, skipped: string]> = {
  enable: ["Enabled", "already enabled"],
  disable: ["Disabled", "already disabled"],
  delete: ["Deleted", "already gone"],
  reset_token: ["Reset the subscription URLs of", "already gone"],
  extend: ["Extended the expiry of", "never expire"],
};

export async function bulkUsersAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return adminAction("manage", (admin) => {
    const result = bulkUpdateUsers(getDb(), bulkFormInput(formData), { actor: adminActor(admin.name) });
    revalidatePath("/users");
    const changed = result.changedIds.length;
    const unchanged = result.requested - changed;
    const [done, skipped] = BULK_DONE[result.action];
    const rest = unchanged === 0 ? "" : ` (${unchanged} ${skipped})`;
    return { ok: true, message: `${done} ${changed} ${changed === 1 ? "user" : "users"}${rest}.` };
  });
}
