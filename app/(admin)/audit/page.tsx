import type { Metadata } from "next";
import Link from "next/link";
import { AuditFilters, type AuditFilterValues } from "@/components/audit/audit-filters";
import { AuditPager } from "@/components/audit/audit-pager";
import { AuditTable } from "@/components/audit/audit-table";
import { PageHeader } from "@/components/page-header";
import { formatAuditCursor, listAudit, listAuditActors, parseAuditQuery, type AuditCursor } from "@/lib/audit/list-audit";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Audit log" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePermission("view");
  const params = await searchParams;
  const text = (name: string) => (typeof params[name] === "string" ? params[name] : undefined);
  const values: AuditFilterValues = { actor: text("actor"), action: text("action"), target: text("target"), from: text("from"), to: text("to") };
  const db = getDb();

  let query: ReturnType<typeof parseAuditQuery> | undefined;
  let problem: string | undefined;
  try {
    query = parseAuditQuery(params);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    problem = error.message;
  }
  const page = query && listAudit(db, query);
  const href = (cursor: { before?: AuditCursor; after?: AuditCursor }) => {
    const next = new URLSearchParams(Object.entries(values).filter((entry): entry is [string, string] => Boolean(entry[1])));
    if (cursor.before) next.set("before", formatAuditCursor(cursor.before));
    if (cursor.after) next.set("after", formatAuditCursor(cursor.after));
    return `/audit?${next}`;
  };

  return (
    <div className="space-y-6">
      <PageHeader title="Audit log" description="Every change made in the panel, the API and the CLI, newest first. Times are UTC." />
      <AuditFilters values={values} actors={listAuditActors(db)} />
      {problem && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          Filter not applied: {problem}
        </p>
      )}
      {page && page.entries.length > 0 && (
        <>
          <AuditTable entries={page.entries} />
          <AuditPager
            newerHref={page.newer && href({ after: page.newer })}
            olderHref={page.older && href({ before: page.older })}
            summary={`${page.entries.length} ${page.entries.length === 1 ? "entry" : "entries"}${query?.before || query?.after ? "" : ", the newest"}`}
          />
        </>
      )}
      {page && page.entries.length === 0 && (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          No entries{Object.values(values).some(Boolean) ? " match these filters" : " yet"}.{" "}
          {(query?.before || query?.after) && (
            <Link href={href({})} className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
              Back to the newest
            </Link>
          )}
        </p>
      )}
    </div>
  );
}
