import Link from "next/link";

const LINK = "rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800";

/** Newer / older links of a keyset-paged list; each href keeps the page's filters. */
export function AuditPager({ newerHref, olderHref, summary }: { newerHref: string | null; olderHref: string | null; summary: React.ReactNode }) {
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between gap-3 text-sm">
      <span className="text-zinc-500 dark:text-zinc-400">{summary}</span>
      <span className="flex gap-2">
        {newerHref && (
          <Link href={newerHref} rel="prev" className={LINK}>
            Newer
          </Link>
        )}
        {olderHref && (
          <Link href={olderHref} rel="next" className={LINK}>
            Older
          </Link>
        )}
      </span>
    </nav>
  );
}
