import { describe, expect, it } from "vitest";
import { formatDuration, formatSize, parseDuration, parseExpiry, parseSize } from "./units";

describe("parseSize", () => {
  it.each([
    ["1024", 1024],
    ["50GB", 50e9],
    ["50 gb", 50e9],
    ["1.5GiB", 1.5 * 2 ** 30],
    ["500MiB", 500 * 2 ** 20],
    ["2TB", 2e12],
    ["10KB", 10_000],
    ["0", 0],
  ])("%s → %d bytes", (text, bytes) => expect(parseSize(text)).toBe(bytes));

  it.each(["", "GB", "5XB", "-5GB", "1e3", "5 G B", "99999999999TB"])("rejects %j", (text) =>
    expect(parseSize(text)).toBeUndefined(),
  );
});

describe("parseDuration", () => {
  it.each([
    ["0", 0],
    ["90", 90],
    ["90s", 90],
    ["30m", 1800],
    ["6h", 21600],
    ["1d12h", 129600],
    ["2w", 1209600],
    ["1H30M", 5400],
  ])("%s → %d s", (text, seconds) => expect(parseDuration(text)).toBe(seconds));

  it.each(["", "h", "6x", "-1h", "1.5h", "6 h", "h6"])("rejects %j", (text) => expect(parseDuration(text)).toBeUndefined());
});

describe("parseExpiry", () => {
  it("takes a date as the end of that day in UTC", () => {
    expect(parseExpiry("2026-12-31")?.toISOString()).toBe("2026-12-31T23:59:59.000Z");
  });

  it("takes a date-time with its offset as given", () => {
    expect(parseExpiry("2026-12-31T10:00:00+03:00")?.toISOString()).toBe("2026-12-31T07:00:00.000Z");
  });

  it.each(["2026-02-30", "2026-13-01", "31.12.2026", "2026-12-31T10:00", "tomorrow", ""])("rejects %j", (text) =>
    expect(parseExpiry(text)).toBeUndefined(),
  );
});

describe("formatting", () => {
  it.each([
    [0, "0 B"],
    [999, "999 B"],
    [1500, "1.5 KB"],
    [50e9, "50 GB"],
    [12_345_678, "12.3 MB"],
  ])("formatSize(%d) = %s", (bytes, text) => expect(formatSize(bytes)).toBe(text));

  it.each([
    [0, "0s"],
    [90, "1m30s"],
    [21600, "6h"],
    [129600, "1d12h"],
  ])("formatDuration(%d) = %s", (seconds, text) => expect(formatDuration(seconds)).toBe(text));

  it("round-trips durations", () => {
    for (const seconds of [1, 59, 3600, 86399, 90061]) expect(parseDuration(formatDuration(seconds))).toBe(seconds);
  });
});
