import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { WebhookForm } from "@/components/webhooks/webhook-form";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { WEBHOOK_EVENTS } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { getWebhook, type Webhook } from "@/lib/webhooks/manage-webhooks";
import { updateWebhookAction } from "../actions";

export const metadata: Metadata = { title: "Edit webhook" };

function findWebhook(id: string): Webhook {
  try {
    return getWebhook(getDb(), { webhookId: id });
  } catch (error) {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "invalid_request")) notFound();
    throw error;
  }
}

export default async function EditWebhookPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("own");
  const webhook = findWebhook((await params).id);
  return (
    <div className="space-y-8">
      <PageHeader
        title="Edit webhook"
        description="Events already queued keep the body they were queued with; only new events follow these settings."
        actions={
          <Link href={`/webhooks?webhookId=${webhook.id}`} className="text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400">
            Back to webhooks
          </Link>
        }
      />
      <WebhookForm
        action={updateWebhookAction}
        events={WEBHOOK_EVENTS}
        initial={{ url: webhook.url, description: webhook.description, events: webhook.events }}
        webhookId={webhook.id}
        title={webhook.url}
        submitLabel="Save changes"
        pendingLabel="Saving…"
      />
    </div>
  );
}
