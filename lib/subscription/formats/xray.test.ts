import { describe, expect, it } from "vitest";
import { REALITY_PUBLIC_KEY, sampleHost } from "@/test/support/subscription-host";
import { NothingToRenderError, type RenderInput, type SubscriptionHost } from "@/lib/subscription/types";
import { DIRECT_IP_RANGES } from "./shared";
import { renderXray } from "./xray";

const UUID = "0f8e9b1c-2d3a-4b5c-8d7e-9f0a1b2c3d4e";
const REALITY_KEY = REALITY_PUBLIC_KEY;
const base: SubscriptionHost = sampleHost();
const reality = { realityPublicKey: REALITY_KEY, realityShortId: "6ba85179e30d4fc2", realitySpiderX: "/" };

const input = (...hosts: SubscriptionHost[]): RenderInput => ({ user: { username: "alice", uuid: UUID }, hosts, profileTitle: "Rotor" });
const host = (overrides: Partial<SubscriptionHost> = {}): SubscriptionHost => ({ ...base, ...overrides });

type Json = Record<string, unknown>;

/** Renders and parses one host's config the way a client reads it. */
function configOf(overrides: Partial<SubscriptionHost> = {}): Json {
  return JSON.parse(renderXray(input(host(overrides))).body) as Json;
}

function proxyOf(config: Json): Json {
  const outbounds = config.outbounds as Json[];
  const proxy = outbounds.find((outbound) => outbound.tag === "proxy");
  if (!proxy) throw new Error("no proxy outbound");
  return proxy;
}

const streamOf = (overrides: Partial<SubscriptionHost> = {}) => proxyOf(configOf(overrides)).streamSettings;

const TLS = { tlsSettings: { serverName: "de.example.com", fingerprint: "chrome" } };
const REALITY = {
  realitySettings: { serverName: "de.example.com", fingerprint: "chrome", publicKey: REALITY_KEY, shortId: "6ba85179e30d4fc2", spiderX: "/" },
};

// Every transport × security, with a Host header so the transport objects show it.
const matrix: Array<[string, Partial<SubscriptionHost>, Json]> = [
  ["ws + none", { security: "none" }, { network: "ws", security: "none", wsSettings: { path: "/api/Ab3dEf" } }],
  ["ws + tls", {}, { network: "ws", security: "tls", wsSettings: { path: "/api/Ab3dEf" }, ...TLS }],
  ["ws + reality", { security: "reality", ...reality }, { network: "ws", security: "reality", wsSettings: { path: "/api/Ab3dEf" }, ...REALITY }],
  [
    "ws + tls with Host header",
    { hostHeader: "cdn.example.com" },
    {
      network: "ws",
      security: "tls",
      wsSettings: { path: "/api/Ab3dEf", headers: { Host: "cdn.example.com" } },
      tlsSettings: { serverName: "cdn.example.com", fingerprint: "chrome" },
    },
  ],
  ["httpupgrade + none", { transport: "httpupgrade", security: "none" }, { network: "httpupgrade", security: "none", httpupgradeSettings: { path: "/api/Ab3dEf" } }],
  ["httpupgrade + tls", { transport: "httpupgrade" }, { network: "httpupgrade", security: "tls", httpupgradeSettings: { path: "/api/Ab3dEf" }, ...TLS }],
  [
    "httpupgrade + reality",
    { transport: "httpupgrade", security: "reality", ...reality },
    { network: "httpupgrade", security: "reality", httpupgradeSettings: { path: "/api/Ab3dEf" }, ...REALITY },
  ],
  [
    "httpupgrade + none with Host header",
    { transport: "httpupgrade", security: "none", hostHeader: "cdn.example.com" },
    { network: "httpupgrade", security: "none", httpupgradeSettings: { path: "/api/Ab3dEf", host: "cdn.example.com" } },
  ],
  ["grpc + none", { transport: "grpc", security: "none", path: "svcAb3dEf" }, { network: "grpc", security: "none", grpcSettings: { serviceName: "svcAb3dEf", multiMode: false } }],
  ["grpc + tls", { transport: "grpc", path: "svcAb3dEf" }, { network: "grpc", security: "tls", grpcSettings: { serviceName: "svcAb3dEf", multiMode: false }, ...TLS }],
  [
    "grpc + reality",
    { transport: "grpc", security: "reality", path: "svcAb3dEf", ...reality },
    { network: "grpc", security: "reality", grpcSettings: { serviceName: "svcAb3dEf", multiMode: false }, ...REALITY },
  ],
  ["xhttp + none", { transport: "xhttp", security: "none" }, { network: "xhttp", security: "none", xhttpSettings: { path: "/api/Ab3dEf", mode: "auto" } }],
  ["xhttp + tls", { transport: "xhttp" }, { network: "xhttp", security: "tls", xhttpSettings: { path: "/api/Ab3dEf", mode: "auto" }, ...TLS }],
  [
    "xhttp + reality",
    { transport: "xhttp", security: "reality", ...reality },
    { network: "xhttp", security: "reality", xhttpSettings: { path: "/api/Ab3dEf", mode: "auto" }, ...REALITY },
  ],
  [
    "xhttp + tls with Host header",
    { transport: "xhttp", hostHeader: "cdn.example.com" },
    {
      network: "xhttp",
      security: "tls",
      xhttpSettings: { path: "/api/Ab3dEf", host: "cdn.example.com", mode: "auto" },
      tlsSettings: { serverName: "cdn.example.com", fingerprint: "chrome" },
    },
  ],
];

describe("renderXray streamSettings", () => {
  it.each(matrix)("%s", (_label, overrides, expected) => expect(streamOf(overrides)).toStrictEqual(expected));

  it.each([
    ["sni wins", { sni: "sni.example.com", hostHeader: "cdn.example.com" }, "sni.example.com"],
    ["then the Host header", { hostHeader: "cdn.example.com" }, "cdn.example.com"],
    ["then the address", {}, "de.example.com"],
  ])("tls serverName: %s", (_label, overrides, serverName) => {
    expect(streamOf(overrides)).toMatchObject({ tlsSettings: { serverName } });
  });

  it("takes REALITY's serverName from sni or the address, never the Host header (as the vless:// link does)", () => {
    const stream = streamOf({ transport: "xhttp", security: "reality", hostHeader: "cdn.example.com", ...reality });
    expect(stream).toMatchObject({ realitySettings: { serverName: "de.example.com" } });
  });

  it.each([
    ["h2,http/1.1", ["h2", "http/1.1"]],
    ["h2", ["h2"]],
    [" h2 , http/1.1 ", ["h2", "http/1.1"]],
  ])("splits alpn %j into a list", (alpn, list) => {
    expect(streamOf({ alpn })).toStrictEqual({ network: "ws", security: "tls", wsSettings: { path: "/api/Ab3dEf" }, tlsSettings: { serverName: "de.example.com", alpn: list, fingerprint: "chrome" } });
  });

  it("falls back to the chrome fingerprint and the / path when they are empty", () => {
    expect(streamOf({ fingerprint: "", path: "" })).toStrictEqual({ network: "ws", security: "tls", wsSettings: { path: "/" }, ...TLS });
  });
});

describe("renderXray config", () => {
  it("writes the vless outbound in the vnext form with a numeric port and no flow", () => {
    expect(proxyOf(configOf({ security: "none" }))).toStrictEqual({
      tag: "proxy",
      protocol: "vless",
      settings: { vnext: [{ address: "de.example.com", port: 443, users: [{ id: UUID, encryption: "none", level: 0 }] }] },
      streamSettings: { network: "ws", security: "none", wsSettings: { path: "/api/Ab3dEf" } },
      mux: { enabled: false },
    });
  });

  it("keeps an IPv6 address without brackets", () => {
    const proxy = proxyOf(configOf({ address: "2001:db8::1", port: 8443 }));
    expect(proxy.settings).toMatchObject({ vnext: [{ address: "2001:db8::1", port: 8443 }] });
  });

  it("has local socks and http inbounds, direct and block outbounds, and routing by address ranges", () => {
    const config = configOf();
    expect(config.remarks).toBe("de · alice");
    expect(config.log).toStrictEqual({ loglevel: "warning" });
    expect(config.inbounds).toStrictEqual([
      {
        tag: "socks",
        listen: "127.0.0.1",
        port: 10808,
        protocol: "socks",
        settings: { udp: true, auth: "noauth" },
        sniffing: { enabled: true, destOverride: ["http", "tls"] },
      },
      { tag: "http", listen: "127.0.0.1", port: 10809, protocol: "http", settings: {} },
    ]);
    expect((config.outbounds as Json[]).map((outbound) => [outbound.tag, outbound.protocol])).toStrictEqual([
      ["proxy", "vless"],
      ["direct", "freedom"],
      ["block", "blackhole"],
    ]);
    expect(config.routing).toStrictEqual({
      domainStrategy: "AsIs",
      rules: [{ type: "field", ip: [...DIRECT_IP_RANGES], outboundTag: "direct" }],
    });
    expect(DIRECT_IP_RANGES).toEqual(["127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "::1/128", "fc00::/7", "fe80::/10"]);
  });

  it("never refers to geoip or geosite files, for any host", () => {
    const hosts = matrix.map(([, overrides], index) => host({ ...overrides, id: index + 1, remark: `h${index}` }));
    const body = renderXray(input(...hosts)).body;
    expect(body).not.toContain("geoip:");
    expect(body).not.toContain("geosite:");
    for (const config of JSON.parse(body) as Json[]) expect(config.routing).toBeDefined();
  });

  it("is JSON served as such", () => {
    const rendered = renderXray(input(host()));
    expect(rendered.contentType).toBe("application/json; charset=utf-8");
    expect(rendered.extension).toBe("json");
  });
});

describe("renderXray array or object", () => {
  const de = host();
  const nl = host({ id: 2, name: "nl", address: "nl.example.com", remark: "nl · alice" });

  it("returns an array of configs in host order for several hosts", () => {
    const parsed: unknown = JSON.parse(renderXray(input(de, nl)).body);
    expect(Array.isArray(parsed)).toBe(true);
    expect((parsed as Json[]).map((config) => config.remarks)).toStrictEqual(["de · alice", "nl · alice"]);
  });

  it.each([
    ["hostId picks one of several", input(de, nl), { hostId: 2 }, "nl · alice"],
    ["a single host", input(de), {}, "de · alice"],
    ["hostId of the single host", input(de), { hostId: 1 }, "de · alice"],
  ])("returns one object for %s", (_label, renderInput, options, remarks) => {
    const parsed: unknown = JSON.parse(renderXray(renderInput, options).body);
    expect(Array.isArray(parsed)).toBe(false);
    expect(parsed).toMatchObject({ remarks });
  });

  it.each([
    ["an unknown hostId", input(de, nl), { hostId: 99 }],
    ["no hosts", input(), {}],
    ["a hostId with no hosts", input(), { hostId: 1 }],
  ])("throws NothingToRenderError for %s", (_label, renderInput, options) => {
    expect(() => renderXray(renderInput, options)).toThrow(NothingToRenderError);
  });
});
