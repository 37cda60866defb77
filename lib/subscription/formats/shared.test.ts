import { describe, expect, it } from "vitest";
import { sampleHost } from "@/test/support/subscription-host";
import { fingerprintOf, nameClaimer, serverName, splitAlpn, splitEarlyData, transportPath } from "./shared";

describe("shared format rules", () => {
  it.each([
    ["tls", "sni.example.com", "cdn.example.com", "sni.example.com"],
    ["tls", "", "cdn.example.com", "cdn.example.com"],
    ["tls", "", "", "de.example.com"],
    ["reality", "sni.example.com", "cdn.example.com", "sni.example.com"],
    ["reality", "", "cdn.example.com", "de.example.com"],
  ] as const)("%s with sni %j and Host %j → server name %j", (security, sni, hostHeader, name) => {
    expect(serverName(sampleHost({ security, sni, hostHeader }))).toBe(name);
  });

  it("defaults the fingerprint to chrome and the path to /", () => {
    expect(fingerprintOf(sampleHost({ fingerprint: "" }))).toBe("chrome");
    expect(fingerprintOf(sampleHost({ fingerprint: "firefox" }))).toBe("firefox");
    expect(transportPath(sampleHost({ path: "" }))).toBe("/");
    expect(transportPath(sampleHost({ path: "/api/x" }))).toBe("/api/x");
  });

  it.each([
    ["/ws?ed=2048", { path: "/ws", maxEarlyData: 2048 }],
    ["/ws?a=1&ed=2048&b=2", { path: "/ws?a=1&b=2", maxEarlyData: 2048 }],
    ["/ws?ed=abc", { path: "/ws?ed=abc" }],
    ["/ws", { path: "/ws" }],
  ])("splitEarlyData(%j)", (path, expected) => {
    expect(splitEarlyData(path)).toEqual(expected);
  });

  it("splits ALPN lists and hands out unique names", () => {
    expect(splitAlpn(" h2, http/1.1 ,")).toEqual(["h2", "http/1.1"]);
    const claim = nameClaimer(["DIRECT"]);
    expect(["DIRECT", "a", "a"].map(claim)).toEqual(["DIRECT 2", "a", "a 2"]);
  });
});
