const RELATIVE = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const STEPS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 30],
  ["month", 12],
  ["year", Number.POSITIVE_INFINITY],
];

/** "3 minutes ago", "in 5 hours", "now", relative to `now`. */
export function formatRelative(iso: string | Date, now: Date): string {
  const date = typeof iso === "string" ? new Date(iso) : iso;
  let amount = (date.getTime() - now.getTime()) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(amount) < size) return RELATIVE.format(Math.round(amount), unit);
    amount /= size;
  }
  return RELATIVE.format(Math.round(amount), "year");
}
