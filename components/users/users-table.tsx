import Link from "next/link";
import { sortHref, type UsersPageParams } from "@/lib/users/list-page-params";
import type { UserListRow } from "@/lib/users/list-users";
import { clientName } from "@/lib/users/client-name";
import { effectiveStatus } from "@/lib/users/present-user";
import type { UserSort } from "@/lib/users/schema";
import { formatDay, RelativeTime } from "./relative-time";
import { SelectAllCheckbox } from "./select-all-checkbox";
import { OnHoldBadge, StatusBadge } from "./status-badge";
import { TrafficCell } from "./traffic-usage";
import { formatDuration } from "@/lib/util/units";

const COLUMNS: ReadonlyArray<{ title: string; sort?: UserSort }> = [
  { title: "Username", sort: "username" },
  { title: "Status" },
  { title: "Used / limit", sort: "used" },
  { title: "Expires", sort: "expires" },
  { title: "Last fetch", sort: "lastFetch" },
  { title: "Created", sort: "created" },
];

/** The users list; with `selectable`, each row has a checkbox named `ids` for the bulk form around it. */
export function UsersTable({ rows, params, now, selectable }: { rows: UserListRow[]; params: UsersPageParams; now: Date; selectable: boolean }) {
  return (
    // `relative`: the headers' sr-only hints are absolutely positioned; without a positioned
    // ancestor they escape the scroll box and widen the whole page on a phone.
    <div className="relative overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="min-w-full divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
        <thead className="bg-zinc-100 text-left dark:bg-zinc-900">
          <tr>
            {selectable && (
              <th scope="col" className="w-10 px-3 py-2">
                <SelectAllCheckbox />
              </th>
            )}
            {COLUMNS.map((column) => (
              <SortableHeader key={column.title} title={column.title} sort={column.sort} params={params} />
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 bg-white dark:divide-zinc-800 dark:bg-zinc-950">
          {rows.length === 0 && (
            <tr>
              <td colSpan={COLUMNS.length + (selectable ? 1 : 0)} className="px-3 py-8 text-center text-zinc-500 dark:text-zinc-400">
                No users match.
              </td>
            </tr>
          )}
          {rows.map((user) => (
            <tr key={user.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-900">
              {selectable && (
                <td className="px-3 py-2">
                  <input type="checkbox" name="ids" value={user.id} aria-label={`Select ${user.username}`} className="size-4 rounded border-zinc-300 accent-indigo-600" />
                </td>
              )}
              <td className="whitespace-nowrap px-3 py-2 font-medium">
                <Link href={`/users/${user.id}`} className="text-indigo-700 hover:underline dark:text-indigo-300">
                  {user.username}
                </Link>
              </td>
              <td className="px-3 py-2">
                <span className="flex flex-wrap gap-1">
                  <StatusBadge status={effectiveStatus(user, now)} />
                  {user.onHoldSeconds !== null && user.expiresAt === null && <OnHoldBadge />}
                </span>
              </td>
              <td className="whitespace-nowrap px-3 py-2">
                <TrafficCell username={user.username} used={user.uploadBytes + user.downloadBytes} dataLimitBytes={user.dataLimitBytes} />
              </td>
              <td className="whitespace-nowrap px-3 py-2 tabular-nums">
                {user.expiresAt ? formatDay(user.expiresAt) : user.onHoldSeconds !== null ? `${formatDuration(user.onHoldSeconds)} from first use` : "never"}
              </td>
              <td className="whitespace-nowrap px-3 py-2">
                {user.lastFetchAt ? (
                  <>
                    <RelativeTime date={user.lastFetchAt} now={now} />
                    <span className="block max-w-[12rem] truncate text-xs text-zinc-500 dark:text-zinc-400" title={user.lastFetchUserAgent ?? undefined}>
                      {clientName(user.lastFetchUserAgent)}
                    </span>
                  </>
                ) : (
                  <span className="text-zinc-500 dark:text-zinc-400">never</span>
                )}
              </td>
              <td className="whitespace-nowrap px-3 py-2 tabular-nums">{formatDay(user.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SortableHeader({ title, sort, params }: { title: string; sort?: UserSort; params: UsersPageParams }) {
  if (!sort) {
    return (
      <th scope="col" className="px-3 py-2 font-medium">
        {title}
      </th>
    );
  }
  const active = params.sort === sort;
  return (
    <th scope="col" aria-sort={active ? (params.order === "asc" ? "ascending" : "descending") : "none"} className="whitespace-nowrap px-3 py-2 font-medium">
      <Link href={sortHref(params, sort)} className="inline-flex items-center gap-1 hover:text-indigo-700 dark:hover:text-indigo-300">
        {title}
        <span aria-hidden="true" className={active ? "" : "text-zinc-400 dark:text-zinc-600"}>
          {active ? (params.order === "asc" ? "▲" : "▼") : "↕"}
        </span>
        <span className="sr-only">{active ? `, sorted ${params.order === "asc" ? "ascending" : "descending"}; click to reverse` : ", click to sort"}</span>
      </Link>
    </th>
  );
}
