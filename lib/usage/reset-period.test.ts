import { describe, expect, it } from "vitest";
import type { ResetStrategy } from "@/lib/db/schema";
import { nextPeriodStart, periodStart } from "./reset-period";

describe("periodStart / nextPeriodStart (UTC)", () => {
  it.each<[ResetStrategy, string, string | null, string | null]>([
    ["none", "2026-06-03T12:00:00Z", null, null],
    ["daily", "2026-06-03T12:00:00Z", "2026-06-03T00:00:00.000Z", "2026-06-04T00:00:00.000Z"],
    ["daily", "2026-06-03T00:00:00Z", "2026-06-03T00:00:00.000Z", "2026-06-04T00:00:00.000Z"],
    ["daily", "2026-06-02T23:59:59.999Z", "2026-06-02T00:00:00.000Z", "2026-06-03T00:00:00.000Z"],
    ["daily", "2026-12-31T23:00:00Z", "2026-12-31T00:00:00.000Z", "2027-01-01T00:00:00.000Z"],
    // 2026-06-01 is a Monday.
    ["weekly", "2026-06-01T00:00:00Z", "2026-06-01T00:00:00.000Z", "2026-06-08T00:00:00.000Z"],
    ["weekly", "2026-06-03T12:00:00Z", "2026-06-01T00:00:00.000Z", "2026-06-08T00:00:00.000Z"],
    ["weekly", "2026-06-07T23:59:59Z", "2026-06-01T00:00:00.000Z", "2026-06-08T00:00:00.000Z"],
    ["weekly", "2026-03-01T10:00:00Z", "2026-02-23T00:00:00.000Z", "2026-03-02T00:00:00.000Z"],
    ["monthly", "2026-06-01T00:00:00Z", "2026-06-01T00:00:00.000Z", "2026-07-01T00:00:00.000Z"],
    ["monthly", "2026-01-31T23:59:59Z", "2026-01-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z"],
    ["monthly", "2028-02-29T12:00:00Z", "2028-02-01T00:00:00.000Z", "2028-03-01T00:00:00.000Z"],
    ["monthly", "2026-12-15T00:00:00Z", "2026-12-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z"],
  ])("%s at %s: the period began %s, the next begins %s", (strategy, now, start, next) => {
    expect(periodStart(strategy, new Date(now))?.toISOString() ?? null).toBe(start);
    expect(nextPeriodStart(strategy, new Date(now))?.toISOString() ?? null).toBe(next);
  });
});
