import Link from "next/link";

/**
 * Previous / next links that keep the page's other query parameters (search, filters, sort).
 * `href(page)` builds the URL for a page number.
 */
export function Pagination({ page, hasNext, href, summary }: { page: number; hasNext: boolean; href: (page: number) => string; summary?: React.ReactNode }) {
  const linkClass = "rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800";
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between gap-3 text-sm">
      <span className="text-zinc-500 dark:text-zinc-400">{summary}</span>
      <span className="flex gap-2">
        {page > 1 ? (
          <Link href={href(page - 1)} rel="prev" className={linkClass}>
            Previous
          </Link>
        ) : null}
        {hasNext ? (
          <Link href={href(page + 1)} rel="next" className={linkClass}>
            Next
          </Link>
        ) : null}
      </span>
    </nav>
  );
}
