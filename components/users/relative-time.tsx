import { formatUtc } from "@/lib/util/format-utc";
import { formatRelativeTime } from "@/lib/util/format-relative-time";

/** "3 hours ago", with the exact UTC time on hover and for machines. */
export function RelativeTime({ date, now }: { date: Date; now: Date }) {
  const exact = date.toISOString();
  return (
    <time dateTime={exact} title={formatUtc(date)}>
      {formatRelativeTime(date, now)}
    </time>
  );
}

/** A date as its UTC day, e.g. 2026-12-31. */
export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
