const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/**
 * "3 hours ago", "in 2 days", "yesterday": the largest whole unit between `date` and `now`.
 * Under a minute it says "just now", or "in under a minute" ahead: seconds would go stale on a
 * page that is not re-rendered every second.
 */
export function formatRelativeTime(date: Date | string, now: Date): string {
  const difference = new Date(date).getTime() - now.getTime();
  for (const [unit, size] of UNITS) {
    const amount = Math.trunc(difference / size);
    if (amount !== 0) return format.format(amount, unit);
  }
  return difference > 0 ? "in under a minute" : "just now";
}
