import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/button-class";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { BulkActions } from "@/components/users/bulk-actions";
import { UsersFilters } from "@/components/users/users-filters";
import { UsersTable } from "@/components/users/users-table";
import { can } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { parseUsersPageParams, usersPageHref, usersPageQuery, USERS_PAGE_SIZE } from "@/lib/users/list-page-params";
import { listUsersPage } from "@/lib/users/list-users";
import { bulkUsersAction } from "./actions";

export const metadata: Metadata = { title: "Users" };

const number = (value: number) => value.toLocaleString("en-US");

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requirePermission("view");
  const params = parseUsersPageParams(await searchParams);
  const now = new Date();
  const query = usersPageQuery(params);
  const { users, total } = listUsersPage(getDb(), query, { now });
  const canManage = can(admin.role, "manage");
  const first = query.offset + 1;
  const summary =
    users.length > 0
      ? `Showing ${number(first)}–${number(query.offset + users.length)} of ${number(total)}`
      : total > 0
        ? `Page ${number(params.page)} is past the last of ${number(total)} users`
        : undefined;
  const table = <UsersTable rows={users} params={params} now={now} selectable={canManage} />;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Users"
        description={params.search || params.status ? `${number(total)} matching users` : `${number(total)} users`}
        actions={
          canManage && (
            <Link href="/users/new" className={buttonClass("primary")}>
              New user
            </Link>
          )
        }
      />
      <UsersFilters params={params} />
      {canManage ? <BulkActions action={bulkUsersAction}>{table}</BulkActions> : table}
      <Pagination
        page={params.page}
        hasNext={query.offset + USERS_PAGE_SIZE < total}
        href={(page) => usersPageHref(params, { page })}
        summary={summary}
      />
    </div>
  );
}
