import { describe, expect, it } from "vitest";
import { formatRelativeTime } from "./format-relative-time";

const now = new Date("2026-06-01T12:00:00Z");
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);

describe("formatRelativeTime", () => {
  it.each([
    [0, "just now"],
    [-30_000, "just now"],
    [30_000, "in under a minute"],
    [-5 * 60_000, "5 minutes ago"],
    [-3 * 3_600_000, "3 hours ago"],
    [5 * 3_600_000 + 59 * 60_000, "in 5 hours"],
    [-86_400_000, "yesterday"],
    [-40 * 86_400_000, "last month"],
    [2 * 86_400_000, "in 2 days"],
    [-800 * 86_400_000, "2 years ago"],
  ])("%d ms from now reads %j", (offset, text) => {
    expect(formatRelativeTime(at(offset), now)).toBe(text);
  });

  it("takes an ISO string as well as a Date", () => {
    expect(formatRelativeTime(at(-5 * 60_000).toISOString(), now)).toBe("5 minutes ago");
  });
});
