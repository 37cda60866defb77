const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "3 hours ago", "in 2 days", "now": the largest whole unit between `date` and `now`. */
export function formatRelativeTime(date: Date, now: Date): string {
  const difference = date.getTime() - now.getTime();
  for (const [unit, size] of UNITS) {
    const amount = Math.trunc(difference / size);
    if (amount !== 0) return format.format(amount, unit);
  }
  return "just now";
}

/** The app part of a User-Agent ("v2rayNG/1.9.45 (Linux; ...)" → "v2rayNG/1.9.45"), for narrow columns. */
export function clientName(userAgent: string | null): string {
  const first = userAgent?.trim().split(/\s+/)[0];
  return first ? first.slice(0, 40) : "unknown client";
}
