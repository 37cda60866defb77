import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { WebhookForm } from "@/components/webhooks/webhook-form";
import { DeliveriesTable } from "@/components/webhooks/deliveries-table";
import { DeliveryFilters } from "@/components/webhooks/delivery-filters";
import { WebhooksTable } from "@/components/webhooks/webhooks-table";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { WEBHOOK_EVENTS } from "@/lib/db/schema";
import { listDeliveries } from "@/lib/webhooks/deliveries";
import { listWebhooks } from "@/lib/webhooks/manage-webhooks";
import { deliveryQuerySchema } from "@/lib/webhooks/schema";
import { createWebhookAction } from "./actions";

export const metadata: Metadata = { title: "Webhooks" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePermission("own");
  const params = await searchParams;
  const query = deliveryQuerySchema.parse({ status: params.status || undefined, webhookId: params.webhookId || undefined, page: params.page });
  const db = getDb();
  const webhooks = listWebhooks(db);
  const deliveries = listDeliveries(db, query);
  const href = (page: number) => {
    const next = new URLSearchParams();
    if (query.status) next.set("status", query.status);
    if (query.webhookId) next.set("webhookId", String(query.webhookId));
    if (page > 1) next.set("page", String(page));
    const search = next.toString();
    return search ? `/webhooks?${search}` : "/webhooks";
  };
  return (
    <div className="space-y-8">
      <PageHeader
        title="Webhooks"
        description="Signed JSON notifications of user changes, rotations and lagging edges, retried until the receiver answers 2xx (docs/webhooks.md). Times are UTC."
      />
      <WebhookForm action={createWebhookAction} events={WEBHOOK_EVENTS} title="Add a webhook" submitLabel="Add webhook" pendingLabel="Adding…" />
      <WebhooksTable webhooks={webhooks} />
      <section aria-labelledby="deliveries-heading" className="space-y-4">
        <h2 id="deliveries-heading" className="text-lg font-semibold">
          Delivery log
        </h2>
        <DeliveryFilters query={query} webhooks={webhooks} />
        <DeliveriesTable rows={deliveries.rows} />
        <Pagination page={query.page} hasNext={deliveries.hasNext} href={href} summary={`Page ${query.page}, newest first`} />
      </section>
    </div>
  );
}
