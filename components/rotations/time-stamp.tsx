import { formatUtc } from "@/lib/util/format-utc";
import { formatRelativeTime } from "@/lib/util/format-relative-time";

/** A moment as absolute UTC time and, after it, how long ago (or how soon) it is. */
export function TimeStamp({ at, now }: { at: string | Date; now: Date }) {
  const iso = typeof at === "string" ? at : at.toISOString();
  return (
    <span>
      <time dateTime={iso}>{formatUtc(iso)}</time> <span className="text-zinc-500 dark:text-zinc-400">({formatRelativeTime(iso, now)})</span>
    </span>
  );
}
