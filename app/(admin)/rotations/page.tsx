import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { RotationFilters, type RotationFilterValues } from "@/components/rotations/rotation-filters";
import { RotationTimeline } from "@/components/rotations/rotation-timeline";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { ROTATION_REASONS } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { listHosts } from "@/lib/hosts/list-hosts";
import { listRotations, type RotationsPage } from "@/lib/rotation/list-rotations";

export const metadata: Metadata = { title: "Rotations" };

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

export default async function RotationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePermission("view");
  const params = await searchParams;
  const filters: RotationFilterValues = { hostId: first(params.hostId), reason: first(params.reason), from: first(params.from), to: first(params.to) };
  const cursor = first(params.cursor);
  const link = (extra: Record<string, string>) => {
    const query = new URLSearchParams(Object.entries({ ...filters, ...extra }).filter(([, value]) => value !== ""));
    return query.size > 0 ? `/rotations?${query}` : "/rotations";
  };
  // The filter form submits its empty fields too; keep the URL to the filters actually set.
  if (Object.values(params).some((value) => value === "")) redirect(link({ cursor }));
  const db = getDb();
  let page: RotationsPage = { rotations: [], nextCursor: null };
  let errors: Record<string, string> = {};
  try {
    page = listRotations(db, { ...filters, cursor });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    errors = Object.fromEntries((error.details.issues ?? []).map((issue) => [issue.field, issue.message]));
  }
  const linkClass = "rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800";
  return (
    <div className="space-y-6">
      <PageHeader title="Rotations" description="Every path change of every host, newest first: scheduled, manual (by whom) and each host's first path." />
      <RotationFilters values={filters} hosts={listHosts(db)} reasons={ROTATION_REASONS} errors={errors} />
      {errors.cursor && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          That page link is not valid any more. <Link href={link({})} className="underline">Start from the newest rotation</Link>.
        </p>
      )}
      {page.rotations.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{Object.keys(errors).length > 0 ? "Fix the filter to see rotations." : "No rotations match."}</p>
      ) : (
        <RotationTimeline rotations={page.rotations} now={new Date()} />
      )}
      <nav aria-label="Pagination" className="flex justify-between gap-3">
        {cursor ? (
          <Link href={link({})} className={linkClass}>
            Newest
          </Link>
        ) : (
          <span />
        )}
        {page.nextCursor && (
          <Link href={link({ cursor: page.nextCursor })} rel="next" className={linkClass}>
            Older
          </Link>
        )}
      </nav>
    </div>
  );
}
