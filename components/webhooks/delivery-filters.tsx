import Link from "next/link";
import { buttonClass } from "@/components/button-class";
import { INPUT_CLASS } from "@/components/field";
import { DELIVERY_STATUSES } from "@/lib/db/schema";
import type { DeliveryQuery } from "@/lib/webhooks/schema";

/** The delivery log's filters as a GET form, so a filtered view can be shared and reloaded. */
export function DeliveryFilters({ query, webhooks }: { query: DeliveryQuery; webhooks: Array<{ id: number; url: string }> }) {
  return (
    <form method="get" action="/webhooks" role="search" aria-label="Filter deliveries" className="flex flex-wrap items-end gap-3">
      <div className="space-y-1">
        <label htmlFor="filter-status" className="block text-sm font-medium">
          Status
        </label>
        <select id="filter-status" name="status" defaultValue={query.status ?? ""} className={INPUT_CLASS}>
          <option value="">All</option>
          {DELIVERY_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="filter-webhook" className="block text-sm font-medium">
          Webhook
        </label>
        <select id="filter-webhook" name="webhookId" defaultValue={query.webhookId ? String(query.webhookId) : ""} className={INPUT_CLASS}>
          <option value="">All</option>
          {webhooks.map((webhook) => (
            <option key={webhook.id} value={webhook.id}>
              {webhook.url}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClass("secondary")}>
        Filter
      </button>
      {(query.status || query.webhookId) && (
        <Link href="/webhooks" className={buttonClass("secondary")}>
          Clear
        </Link>
      )}
    </form>
  );
}
