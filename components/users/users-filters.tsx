import Link from "next/link";
import { INPUT_CLASS } from "@/components/field";
import { buttonClass } from "@/components/button-class";
import { USER_STATUSES } from "@/lib/db/schema";
import type { UsersPageParams } from "@/lib/users/list-page-params";

/** Search and status filter as a plain GET form: the state lands in the URL, and page 1 is shown. */
export function UsersFilters({ params }: { params: UsersPageParams }) {
  return (
    <form method="get" action="/users" role="search" aria-label="Filter users" className="flex flex-wrap items-end gap-3">
      <div className="min-w-0 flex-1 basis-48 space-y-1">
        <label htmlFor="search" className="block text-sm font-medium">
          Search usernames
        </label>
        <input id="search" name="search" type="search" defaultValue={params.search} maxLength={64} placeholder="part of a name" className={INPUT_CLASS} />
      </div>
      <div className="space-y-1">
        <label htmlFor="status" className="block text-sm font-medium">
          Status
        </label>
        <select id="status" name="status" defaultValue={params.status ?? ""} className={INPUT_CLASS}>
          <option value="">All</option>
          {USER_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status[0]!.toUpperCase() + status.slice(1)}
            </option>
          ))}
        </select>
      </div>
      {/* Keep the sort; a new filter starts again at page 1. */}
      <input type="hidden" name="sort" value={params.sort} />
      <input type="hidden" name="order" value={params.order} />
      <button type="submit" className={buttonClass("secondary")}>
        Apply
      </button>
      {(params.search || params.status) && (
        <Link href="/users" className="px-1 py-2 text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          Clear
        </Link>
      )}
    </form>
  );
}
