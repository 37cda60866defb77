"use server";

import { revalidatePath } from "next/cache";
import { adminAction, type ActionState } from "@/lib/admin/admin-action";
import { adminActor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { createEdgeNode, revokeEdgeNode } from "@/lib/edge/edge-nodes";

export async function createEdgeAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return adminAction("own", (admin) => {
    const created = createEdgeNode(getDb(), { name: formData.get("name") }, { actor: adminActor(admin.name) });
    revalidatePath("/edges");
    return { ok: true, message: `Registered edge "${created.name}".`, secret: created.token };
  });
}

export async function revokeEdgeAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return adminAction("own", (admin) => {
    const revoked = revokeEdgeNode(getDb(), { name: formData.get("name") }, { actor: adminActor(admin.name) });
    revalidatePath("/edges");
    return { ok: true, message: `Revoked edge "${revoked.name}".` };
  });
}
