import Link from "next/link";
import { CopyButton } from "@/components/copy-button";
import { DataTable } from "@/components/data-table";
import { ConfirmedActionForm } from "@/components/owner/confirmed-action-form";
import { deleteWebhookAction, regenerateWebhookSecretAction, sendTestEventAction, setWebhookEnabledAction } from "@/app/(admin)/webhooks/actions";
import { formatUtc } from "@/lib/util/format-utc";
import type { Webhook } from "@/lib/webhooks/manage-webhooks";
import { InlineActionForm } from "./inline-action-form";

/** The configured webhooks with their secrets (owners only see this page) and their actions. */
export function WebhooksTable({ webhooks }: { webhooks: Webhook[] }) {
  return (
    <DataTable
      caption="Webhooks"
      headings={["URL", "Events", "State", "Created", "Secret", ""]}
      empty="No webhooks yet."
      rows={webhooks.map((webhook) => ({
        key: webhook.id,
        cells: [
          <div key="url" className="space-y-0.5">
            <Link href={`/webhooks/${webhook.id}`} aria-label={`Edit ${webhook.url}`} className="break-all font-mono text-xs text-indigo-600 hover:underline dark:text-indigo-400">
              {webhook.url}
            </Link>
            {webhook.description && <p className="text-xs text-zinc-500 dark:text-zinc-400">{webhook.description}</p>}
          </div>,
          <span key="events" className="font-mono text-xs">{webhook.events.join(", ")}</span>,
          webhook.enabled ? "enabled" : "disabled",
          formatUtc(webhook.createdAt, { seconds: false }),
          <details key="secret" className="text-xs">
            <summary className="cursor-pointer">Show secret</summary>
            <div className="mt-1 flex items-center gap-2">
              <code aria-label={`Signing secret of ${webhook.url}`} className="break-all rounded bg-zinc-100 px-2 py-1 font-mono dark:bg-zinc-800">
                {webhook.secret}
              </code>
              <CopyButton text={webhook.secret} />
            </div>
          </details>,
          <div key="actions" className="flex flex-wrap items-start justify-end gap-2">
            <InlineActionForm action={sendTestEventAction} fields={{ webhookId: String(webhook.id) }} label="Send test" pendingLabel="Sending…" />
            <InlineActionForm
              action={setWebhookEnabledAction}
              fields={{ webhookId: String(webhook.id), enabled: String(!webhook.enabled) }}
              label={webhook.enabled ? "Disable" : "Enable"}
              pendingLabel={webhook.enabled ? "Disabling…" : "Enabling…"}
            />
            <ConfirmedActionForm
              action={regenerateWebhookSecretAction}
              field="webhookId"
              value={String(webhook.id)}
              label="New secret"
              question={`Replace the signing secret of ${webhook.url}?`}
              details="Deliveries are signed with the new secret from now on, queued ones included; the receiver must be given it."
            />
            <ConfirmedActionForm
              action={deleteWebhookAction}
              field="webhookId"
              value={String(webhook.id)}
              label="Delete"
              question={`Delete the webhook ${webhook.url}?`}
              details="Its queued deliveries and its delivery log go with it. This cannot be undone."
            />
          </div>,
        ],
      }))}
    />
  );
}
