"use server";

import { revalidatePath } from "next/cache";
import { adminAction, type ActionState } from "@/lib/admin/admin-action";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { adminActor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";

export async function createApiTokenAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return adminAction("own", (admin) => {
    const created = createApiToken(getDb(), { name: formData.get("name"), scopes: formData.getAll("scopes") }, { actor: adminActor(admin.name) });
    revalidatePath("/tokens");
    return { ok: true, message: `Created API token "${created.name}".`, secret: created.token };
  });
}

export async function revokeApiTokenAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return adminAction("own", (admin) => {
    const revoked = revokeApiToken(getDb(), { tokenId: formData.get("tokenId") }, { actor: adminActor(admin.name) });
    revalidatePath("/tokens");
    return { ok: true, message: `Revoked API token "${revoked.name}".` };
  });
}
