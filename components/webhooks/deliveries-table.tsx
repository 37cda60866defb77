import { resendDeliveryAction } from "@/app/(admin)/webhooks/actions";
import { DataTable } from "@/components/data-table";
import type { DeliveryStatus } from "@/lib/db/schema";
import { formatUtc } from "@/lib/util/format-utc";
import type { DeliveryRow } from "@/lib/webhooks/deliveries";
import { InlineActionForm } from "./inline-action-form";

const STATUS_CLASS: Record<DeliveryStatus, string> = {
  pending: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  delivered: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  failed: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
};

function when(row: DeliveryRow): string {
  if (row.status === "delivered" && row.deliveredAt) return `delivered ${formatUtc(row.deliveredAt)}`;
  if (row.status === "pending") return `next try ${formatUtc(row.nextAttemptAt)}`;
  return row.lastAttemptAt ? `last try ${formatUtc(row.lastAttemptAt)}` : "";
}

/** The delivery log: one row per (event, webhook) attempt series, with a Resend action. */
export function DeliveriesTable({ rows }: { rows: DeliveryRow[] }) {
  return (
    <DataTable
      caption="Webhook deliveries"
      headings={["#", "Queued", "Event", "Webhook", "Status", "Attempts", "Response", "Last error", "When", ""]}
      empty="No deliveries match."
      rows={rows.map((row) => ({
        key: row.id,
        cells: [
          <span key="id" className="font-mono text-xs">{row.id}</span>,
          <span key="queued" className="whitespace-nowrap">{formatUtc(row.createdAt)}</span>,
          <span key="event" className="font-mono text-xs">{row.event}</span>,
          <span key="url" className="break-all font-mono text-xs">{row.url}</span>,
          <span key="status" className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_CLASS[row.status]}`}>{row.status}</span>,
          String(row.attempts),
          row.responseStatus === null ? "—" : String(row.responseStatus),
          <span key="error" className="break-all text-xs">{row.lastError || "—"}</span>,
          <span key="when" className="text-xs">{when(row)}</span>,
          <InlineActionForm key="resend" action={resendDeliveryAction} fields={{ deliveryId: String(row.id) }} label="Resend" pendingLabel="Queuing…" />,
        ],
      }))}
    />
  );
}
