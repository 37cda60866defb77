"use server";

import { revalidatePath } from "next/cache";
import { adminAction, type ActionState } from "@/lib/admin/admin-action";
import { adminActor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { describeResend, resendDelivery } from "@/lib/webhooks/deliveries";
import type { WebhookFormState, WebhookFormValues } from "@/components/webhooks/webhook-form";
import { createWebhook, deleteWebhook, regenerateWebhookSecret, setWebhookEnabled, updateWebhook } from "@/lib/webhooks/manage-webhooks";
import { sendTestEvent } from "@/lib/webhooks/send-test-event";

// Owner only, like API tokens and edges: a webhook sends users' subscription URLs and VLESS ids
// to an address outside the panel, which is as sensitive as handing out an API token.

function readWebhookForm(formData: FormData): WebhookFormValues {
  const text = (name: string) => String(formData.get(name) ?? "");
  return { url: text("url"), description: text("description"), events: formData.getAll("events").map(String) };
}

export async function createWebhookAction(_previous: WebhookFormState, formData: FormData): Promise<WebhookFormState> {
  const values = readWebhookForm(formData);
  const result = await adminAction("own", (admin) => {
    const created = createWebhook(getDb(), values, { actor: adminActor(admin.name) });
    revalidatePath("/webhooks");
    return { ok: true, message: `Added webhook ${created.url}.`, secret: created.secret };
  });
  return result.ok ? result : { ...result, values };
}

export async function updateWebhookAction(_previous: WebhookFormState, formData: FormData): Promise<WebhookFormState> {
  const values = readWebhookForm(formData);
  const result = await adminAction("own", (admin) => {
    const { changed } = updateWebhook(getDb(), { ...values, webhookId: formData.get("webhookId") }, { actor: adminActor(admin.name) });
    revalidatePath("/webhooks");
    return { ok: true, message: changed.length === 0 ? "Nothing to save: every field already has that value." : `Saved (${changed.join(", ")}).` };
  });
  return { ...result, values };
}

export async function setWebhookEnabledAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return adminAction("own", (admin) => {
    const updated = setWebhookEnabled(getDb(), { webhookId: formData.get("webhookId"), enabled: formData.get("enabled") }, { actor: adminActor(admin.name) });
    revalidatePath("/webhooks");
    return { ok: true, message: `${updated.enabled ? "Enabled" : "Disabled"} webhook ${updated.url}.` };
  });
}

export async function regenerateWebhookSecretAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return adminAction("own", (admin) => {
    const updated = regenerateWebhookSecret(getDb(), { webhookId: formData.get("webhookId") }, { actor: adminActor(admin.name) });
    revalidatePath("/webhooks");
    return { ok: true, message: `New secret for ${updated.url}.` };
  });
}

export async function deleteWebhookAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return adminAction("own", (admin) => {
    const deleted = deleteWebhook(getDb(), { webhookId: formData.get("webhookId") }, { actor: adminActor(admin.name) });
    revalidatePath("/webhooks");
    return { ok: true, message: `Deleted webhook ${deleted.url}.` };
  });
}

export async function resendDeliveryAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return adminAction("own", (admin) => {
    const result = resendDelivery(getDb(), { deliveryId: formData.get("deliveryId") }, { actor: adminActor(admin.name) });
    revalidatePath("/webhooks");
    return { ok: true, message: describeResend(result) };
  });
}

export async function sendTestEventAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return adminAction("own", async (admin) => {
    const result = await sendTestEvent(getDb(), { webhookId: formData.get("webhookId") }, { actor: adminActor(admin.name) });
    return result.ok ? { ok: true, message: `Test event delivered (HTTP ${result.status}).` } : { message: `Test event failed: ${result.error}.` };
  });
}
