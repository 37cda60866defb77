import { describe, expect, it } from "vitest";
import { formatUtc } from "./format-utc";

describe("formatUtc", () => {
  it("writes a date or an ISO string in UTC, with or without seconds", () => {
    expect(formatUtc(new Date("2026-11-25T12:00:05.123Z"))).toBe("2026-11-25 12:00:05 UTC");
    expect(formatUtc("2026-11-25T14:00:05+02:00")).toBe("2026-11-25 12:00:05 UTC");
    expect(formatUtc(new Date("2026-11-25T12:00:05Z"), { seconds: false })).toBe("2026-11-25 12:00 UTC");
  });
});
