import { describe, expect, it } from "vitest";
import { announceHeader, asciiUrlHeader, base64Header, contentDisposition, subscriptionUserinfo, updateIntervalHours } from "./headers";

const ascii = (value: string) => /^[\x20-\x7e]*$/.test(value);

describe("subscription headers", () => {
  it.each([
    [{ upload: 10, download: 20, total: null, expiresAt: null }, "upload=10; download=20; total=0; expire=0"],
    [{ upload: 1.7, download: 0, total: 50e9, expiresAt: new Date("2026-12-31T23:59:59Z") }, "upload=1; download=0; total=50000000000; expire=1798761599"],
  ])("subscription-userinfo for %j", (usage, header) => {
    expect(subscriptionUserinfo(usage)).toBe(header);
    expect(header).not.toMatch(/;$/);
  });

  it("base64-encodes any title as ASCII", () => {
    const header = base64Header("Ротор 🚀 VPN");
    expect(ascii(header)).toBe(true);
    expect(Buffer.from(header.slice("base64:".length), "base64").toString("utf8")).toBe("Ротор 🚀 VPN");
  });

  it("cuts an announce to 200 characters without splitting a character", () => {
    const text = "🚀".repeat(250);
    const decoded = Buffer.from(announceHeader(text).slice("base64:".length), "base64").toString("utf8");
    expect([...decoded]).toHaveLength(200);
    expect(decoded).toBe("🚀".repeat(200));
  });

  it.each([
    ["Rotor · alice.yaml", `attachment; filename="Rotor _ alice.yaml"; filename*=UTF-8''Rotor%20%C2%B7%20alice.yaml`],
    ['say "hi".txt', `attachment; filename="say _hi_.txt"; filename*=UTF-8''say%20%22hi%22.txt`],
    ["plain.json", `attachment; filename="plain.json"; filename*=UTF-8''plain.json`],
  ])("content-disposition for %j", (filename, header) => {
    expect(contentDisposition(filename)).toBe(header);
    expect(ascii(contentDisposition(filename))).toBe(true);
  });

  it("keeps the configured update interval when no host rotates sooner", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    expect(updateIntervalHours(12, [null, "2026-01-02T00:00:00Z"], now)).toBe(12);
  });

  it("shortens the update interval to the next rotation, never below one hour", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    expect(updateIntervalHours(12, ["2026-01-01T05:10:00Z", "2026-01-01T09:00:00Z"], now)).toBe(6);
    expect(updateIntervalHours(12, ["2026-01-01T00:20:00Z"], now)).toBe(1);
    expect(updateIntervalHours(12, ["2025-12-31T00:00:00Z"], now)).toBe(1);
  });

  it.each([
    ["https://t.me/rotor_support", "https://t.me/rotor_support"],
    ["https://поддержка.рф/чат", "https://xn--80ahaefyxhn.xn--p1ai/%D1%87%D0%B0%D1%82"],
    ["not a url", undefined],
    ["", undefined],
  ])("support-url %j becomes %j", (text, header) => {
    expect(asciiUrlHeader(text)).toBe(header);
  });
});
