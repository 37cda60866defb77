import { describe, expect, it } from "vitest";
import { clientName, formatRelativeTime } from "./format-relative-time";

const now = new Date("2026-06-01T12:00:00Z");
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);

describe("formatRelativeTime", () => {
  it.each([
    [0, "just now"],
    [-30_000, "just now"],
    [-5 * 60_000, "5 minutes ago"],
    [-3 * 3_600_000, "3 hours ago"],
    [-86_400_000, "yesterday"],
    [-40 * 86_400_000, "last month"],
    [2 * 86_400_000, "in 2 days"],
    [-800 * 86_400_000, "2 years ago"],
  ])("%d ms from now reads %j", (offset, text) => {
    expect(formatRelativeTime(at(offset), now)).toBe(text);
  });
});

describe("clientName", () => {
  it.each([
    ["v2rayNG/1.9.45 (Linux; Android 14)", "v2rayNG/1.9.45"],
    ["  mihomo/1.18  ", "mihomo/1.18"],
    ["", "unknown client"],
    [null, "unknown client"],
  ])("names %j as %j", (userAgent, name) => {
    expect(clientName(userAgent)).toBe(name);
  });
});
