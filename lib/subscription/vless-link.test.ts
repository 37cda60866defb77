import { describe, expect, it } from "vitest";
import { REALITY_PUBLIC_KEY, sampleHost } from "@/test/support/subscription-host";
import type { SubscriptionHost } from "./types";
import { buildVlessLink, safeRemark } from "./vless-link";

const UUID = "0f8e9b1c-2d3a-4b5c-8d7e-9f0a1b2c3d4e";
const base: SubscriptionHost = sampleHost();
const REALITY_KEY = REALITY_PUBLIC_KEY;

/** Splits a query the way v2rayN and v2rayNG do: on `&`, then on the first `=`; a pair without `=` is an error. */
function clientStyleQuery(link: string): Map<string, string> {
  const query = link.slice(link.indexOf("?") + 1, link.indexOf("#"));
  const pairs = new Map<string, string>();
  for (const part of query.split("&")) {
    const equals = part.indexOf("=");
    if (equals < 0) throw new Error(`pair without '=': ${part}`);
    const key = part.slice(0, equals);
    if (pairs.has(key)) throw new Error(`key twice: ${key}`);
    pairs.set(key, decodeURIComponent(part.slice(equals + 1)));
  }
  return pairs;
}

const cases: Array<[string, Partial<SubscriptionHost>, Record<string, string>]> = [
  ["ws + tls", {}, { encryption: "none", type: "ws", path: "/api/Ab3dEf", security: "tls", sni: "de.example.com", fp: "chrome" }],
  ["ws + tls with host header and alpn", { hostHeader: "cdn.example.com", alpn: "h2,http/1.1" }, { type: "ws", path: "/api/Ab3dEf", host: "cdn.example.com", sni: "cdn.example.com", alpn: "h2,http/1.1" }],
  ["ws + none", { security: "none" }, { encryption: "none", type: "ws", path: "/api/Ab3dEf", security: "none" }],
  ["httpupgrade + tls", { transport: "httpupgrade", sni: "sni.example.com" }, { type: "httpupgrade", path: "/api/Ab3dEf", security: "tls", sni: "sni.example.com" }],
  ["xhttp + tls", { transport: "xhttp" }, { type: "xhttp", path: "/api/Ab3dEf", mode: "auto", security: "tls" }],
  ["grpc + tls", { transport: "grpc", path: "svcAb3dEf" }, { type: "grpc", serviceName: "svcAb3dEf", mode: "gun", security: "tls" }],
  ["grpc + reality", { transport: "grpc", path: "svcAb3dEf", security: "reality", realityPublicKey: REALITY_KEY, realityShortId: "6ba85179e30d4fc2", realitySpiderX: "/" }, { type: "grpc", serviceName: "svcAb3dEf", security: "reality", pbk: REALITY_KEY, sid: "6ba85179e30d4fc2", spx: "/", fp: "chrome", sni: "de.example.com" }],
  ["xhttp + reality without sid", { transport: "xhttp", security: "reality", realityPublicKey: REALITY_KEY }, { type: "xhttp", security: "reality", pbk: REALITY_KEY }],
];

describe("buildVlessLink", () => {
  it.each(cases)("%s", (_label, overrides, expected) => {
    const link = buildVlessLink(UUID, { ...base, ...overrides });
    const pairs = clientStyleQuery(link);
    for (const [key, value] of Object.entries(expected)) expect(pairs.get(key), key).toBe(value);
    expect(link.startsWith(`vless://${UUID}@`)).toBe(true);
    expect([...pairs.keys()][0]).toBe("encryption");
    // WHATWG URL agrees with the client-style reading.
    const url = new URL(link);
    expect(url.protocol).toBe("vless:");
    expect(url.username).toBe(UUID);
    expect(Number(url.port)).toBe(443);
    for (const [key, value] of pairs) expect(url.searchParams.get(key)).toBe(value);
    if ((overrides.security ?? "tls") !== "reality") expect(pairs.has("pbk")).toBe(false);
  });

  it("percent-encodes values so that + never reaches mihomo as a space", () => {
    const link = buildVlessLink(UUID, { ...base, path: "/a+b c?ed=2048" });
    expect(link).toContain("path=%2Fa%2Bb%20c%3Fed%3D2048");
    expect(clientStyleQuery(link).get("path")).toBe("/a+b c?ed=2048");
  });

  it("brackets an IPv6 address and keeps the port", () => {
    const url = new URL(buildVlessLink(UUID, { ...base, address: "2001:db8::1", port: 8443 }));
    expect(url.hostname).toBe("[2001:db8::1]");
    expect(url.port).toBe("8443");
  });

  it("encodes a non-ASCII remark and keeps it readable after one decode", () => {
    const link = buildVlessLink(UUID, { ...base, remark: "Франкфурт · алиса 🚀" });
    expect(link).not.toMatch(/[^\x21-\x7e]/);
    expect(decodeURIComponent(link.slice(link.indexOf("#") + 1))).toBe("Франкфурт · алиса 🚀");
  });

  it("defuses a literal %XX in a remark, which some clients would decode twice", () => {
    expect(safeRemark("50%OFF %41")).toBe("50%OFF % 41");
    const link = buildVlessLink(UUID, { ...base, remark: "100%25 sure" });
    const once = decodeURIComponent(link.slice(link.indexOf("#") + 1));
    expect(once).toBe("100% 25 sure");
    expect(() => decodeURIComponent(once)).toThrow();
  });
});
