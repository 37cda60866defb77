import type { ResetStrategy } from "@/lib/db/schema";

const DAY_MS = 86_400_000;

/**
 * When the current traffic period began, in UTC: daily at 00:00, weekly on Monday 00:00, monthly
 * on the 1st at 00:00. Null for "none" (traffic is never reset on a schedule).
 */
export function periodStart(strategy: ResetStrategy, now: Date): Date | null {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  switch (strategy) {
    case "none":
      return null;
    case "daily":
      return new Date(midnight);
    case "weekly":
      // getUTCDay: Sunday 0 … Saturday 6; days since Monday: Monday 0 … Sunday 6.
      return new Date(midnight - ((now.getUTCDay() + 6) % 7) * DAY_MS);
    case "monthly":
      return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  }
}

/** When the next period begins (the next scheduled reset), or null for "none". */
export function nextPeriodStart(strategy: ResetStrategy, now: Date): Date | null {
  const start = periodStart(strategy, now);
  if (start === null) return null;
  switch (strategy) {
    case "daily":
      return new Date(start.getTime() + DAY_MS);
    case "weekly":
      return new Date(start.getTime() + 7 * DAY_MS);
    default:
      return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  }
}
