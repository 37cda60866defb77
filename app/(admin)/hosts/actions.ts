"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { adminAction, type ActionState } from "@/lib/admin/admin-action";
import { adminActor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { deleteHost } from "@/lib/hosts/delete-host";
import { parseHostForm, readHostFormValues, type HostFormValues } from "@/lib/hosts/host-form";
import { hostIdParamsSchema } from "@/lib/hosts/host-id-params";
import { provisionHost } from "@/lib/hosts/provision-host";
import { rotateHostNow } from "@/lib/hosts/rotate-host-now";
import { setHostEnabled } from "@/lib/hosts/set-host-enabled";
import { updateHost } from "@/lib/hosts/update-host";
import { waitForHostState } from "@/lib/hosts/wait-for-host-state";
import { getRotationEngine } from "@/lib/rotation/server-engine";
import { parseInput } from "@/lib/validation";

/**
 * The host form's state: after a refusal the submitted values come back, so the form keeps what
 * was typed; after a save the form shows the saved host as the refreshed page renders it.
 */
export interface HostFormState extends ActionState {
  values?: HostFormValues;
}

const hostIdForm = z.object({ hostId: hostIdParamsSchema.shape.id });
const enabledForm = hostIdForm.extend({ enabled: z.enum(["true", "false"]).transform((value) => value === "true") });

/** Host, rotation and history changes show on the dashboard, the host pages and the timeline alike. */
const revalidateAdmin = () => revalidatePath("/", "layout");

export async function createHostAction(_previous: HostFormState, formData: FormData): Promise<HostFormState> {
  const values = readHostFormValues(formData);
  const result = await adminAction("manage", async (admin) => {
    const engine = await getRotationEngine();
    const { host, state } = await provisionHost(engine.deps, parseHostForm(values), { actor: adminActor(admin.name) });
    if (state) await waitForHostState(engine.snapshot, host.id, (live) => live !== undefined);
    revalidateAdmin();
    redirect(`/hosts/${host.id}?created=1`);
  });
  return result.ok ? result : { ...result, values };
}

export async function updateHostAction(_previous: HostFormState, formData: FormData): Promise<HostFormState> {
  const values = readHostFormValues(formData);
  const result = await adminAction("manage", async (admin) => {
    const { hostId } = parseInput(hostIdForm, { hostId: formData.get("hostId") });
    const { changed, schedule } = await updateHost((await getRotationEngine()).deps, hostId, parseHostForm(values), { actor: adminActor(admin.name) });
    revalidateAdmin();
    if (changed.length === 0) return { ok: true, message: "Nothing to save: every field already has that value." };
    if (schedule === "deferred") return { ok: true, message: "Saved. The rotation store is unreachable, so the new interval applies from the next rotation." };
    return { ok: true, message: `Saved (${changed.length === 1 ? "1 field" : `${changed.length} fields`} changed).` };
  });
  return result.ok ? result : { ...result, values };
}

export async function rotateHostAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return adminAction("manage", async (admin) => {
    const { hostId } = parseInput(hostIdForm, { hostId: formData.get("hostId") });
    const state = await rotateHostNow(await getRotationEngine(), hostId, { actor: adminActor(admin.name) });
    revalidateAdmin();
    return { ok: true, message: `Rotated to epoch ${state.epoch}: clients now get ${state.path}` };
  });
}

export async function setHostEnabledAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return adminAction("manage", (admin) => {
    const { hostId, enabled } = parseInput(enabledForm, { hostId: formData.get("hostId"), enabled: formData.get("enabled") });
    setHostEnabled(getDb(), hostId, { enabled, actor: adminActor(admin.name) });
    revalidateAdmin();
    return {
      ok: true,
      message: enabled
        ? "Enabled: subscriptions include this host again from their next refresh."
        : "Disabled: subscriptions leave this host out from their next refresh; edges keep accepting its paths until it is deleted.",
    };
  });
}

export async function deleteHostAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return adminAction("manage", async (admin) => {
    const { hostId } = parseInput(hostIdForm, { hostId: formData.get("hostId") });
    const engine = await getRotationEngine();
    await deleteHost(engine.deps, hostId, { actor: adminActor(admin.name) });
    await waitForHostState(engine.snapshot, hostId, (live) => live === undefined);
    revalidateAdmin();
    redirect("/hosts?deleted=1");
  });
}
