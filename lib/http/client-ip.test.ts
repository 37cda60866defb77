import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

describe("clientIp", () => {
  it.each([
    [{ "x-real-ip": "203.0.113.7", "x-forwarded-for": "1.1.1.1" }, "203.0.113.7"],
    [{ "x-forwarded-for": "6.6.6.6, 203.0.113.8" }, "203.0.113.8"],
    [{ "x-forwarded-for": "::ffff:127.0.0.1" }, "::ffff:127.0.0.1"],
    [{}, "unknown"],
  ])("%j → %s", (headers, ip) => {
    expect(clientIp(new Headers(headers))).toBe(ip);
  });
});
