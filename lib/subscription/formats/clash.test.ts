import { describe, expect, it } from "vitest";
import { EVERY_OPTIONAL_FIELD, REALITY_PUBLIC_KEY, sampleHost } from "@/test/support/subscription-host";
import { parse } from "yaml";
import { NothingToRenderError, type SubscriptionHost } from "@/lib/subscription/types";
import { CLASH_GROUP, renderClash } from "./clash";

const UUID = "6f1c3f1e-8c2d-4c55-9a0e-0d7f4f7b9a11";
const PUBLIC_KEY = REALITY_PUBLIC_KEY;

interface ClashProfile {
  proxies: Array<Record<string, unknown>>;
  "proxy-groups": Array<{ name: string; type: string; proxies: string[] }>;
  rules: string[];
  [key: string]: unknown;
}

const host = (fields: Partial<SubscriptionHost> = {}): SubscriptionHost =>
  sampleHost({ name: "edge-1", address: "edge.example.com", path: "/api/Ab3", remark: "Edge", ...fields });

const renderHosts = (...hosts: SubscriptionHost[]) => renderClash({ user: { username: "alice", uuid: UUID }, hosts, profileTitle: "Rotor" });
const profileOf = (...hosts: SubscriptionHost[]) => parse(renderHosts(...hosts).body) as ClashProfile;
const proxyOf = (fields: Partial<SubscriptionHost>) => profileOf(host(fields)).proxies[0];

describe("renderClash: every transport × security", () => {
  const full = EVERY_OPTIONAL_FIELD;
  const transports = [
    ["ws", "/api/Ab3", { network: "ws", "ws-opts": { path: "/api/Ab3", headers: { Host: "cdn.example.com" } } }],
    [
      "httpupgrade",
      "/api/Ab3",
      { network: "ws", "ws-opts": { path: "/api/Ab3", headers: { Host: "cdn.example.com" }, "v2ray-http-upgrade": true } },
    ],
    ["grpc", "Ab3Grpc", { network: "grpc", "grpc-opts": { "grpc-service-name": "Ab3Grpc" } }],
  ] as const;
  const securities = [
    ["tls", { tls: true, servername: "sni.example.com", "client-fingerprint": "firefox", alpn: ["h2", "http/1.1"] }],
    ["none", { tls: false }],
    [
      "reality",
      // The short id stays a string although it looks like a number.
      { tls: true, servername: "sni.example.com", "client-fingerprint": "firefox", "reality-opts": { "public-key": PUBLIC_KEY, "short-id": "0123" } },
    ],
  ] as const;
  const cases = transports.flatMap(([transport, path, transportFields]) =>
    securities.map(([security, securityFields]) => ({ transport, security, path, expected: { ...transportFields, ...securityFields } })),
  );

  it.each(cases)("$transport + $security", ({ transport, security, path, expected }) => {
    expect(proxyOf({ ...full, transport, security, path })).toEqual({
      name: "Edge",
      type: "vless",
      server: "edge.example.com",
      port: 443,
      uuid: UUID,
      udp: true,
      ...expected,
    });
  });

  it.each(["tls", "none", "reality"] as const)("leaves xhttp + %s out", (security) => {
    const profile = profileOf(host({ ...full, transport: "xhttp", security, remark: "X" }), host({ remark: "W" }));
    expect(profile.proxies.map((proxy) => proxy.name)).toEqual(["W"]);
    expect(profile["proxy-groups"][0]?.proxies).toEqual(["W", "DIRECT"]);
  });
});

describe("renderClash: fields", () => {
  it.each([
    ["/api/Ab3?ed=2048", { path: "/api/Ab3", "max-early-data": 2048, "early-data-header-name": "Sec-WebSocket-Protocol" }],
    ["/api/Ab3?x=1&ed=1024", { path: "/api/Ab3?x=1", "max-early-data": 1024, "early-data-header-name": "Sec-WebSocket-Protocol" }],
    ["/api/Ab3?ed=fast", { path: "/api/Ab3?ed=fast" }],
    ["/api/Ab3", { path: "/api/Ab3" }],
    ["", { path: "/" }],
  ])("ws path %j → ws-opts %j", (path, wsOpts) => {
    expect(proxyOf({ path })?.["ws-opts"]).toEqual(wsOpts);
  });

  it("converts ?ed on httpupgrade too", () => {
    expect(proxyOf({ transport: "httpupgrade", path: "/api/Ab3?ed=2048" })?.["ws-opts"]).toEqual({
      path: "/api/Ab3",
      "max-early-data": 2048,
      "early-data-header-name": "Sec-WebSocket-Protocol",
      "v2ray-http-upgrade": true,
    });
  });

  it.each([
    ["cdn.example.com", { path: "/api/Ab3", headers: { Host: "cdn.example.com" } }],
    ["", { path: "/api/Ab3" }],
  ])("Host header %j → ws-opts %j", (hostHeader, wsOpts) => {
    expect(proxyOf({ hostHeader })?.["ws-opts"]).toEqual(wsOpts);
  });

  it.each([
    ["tls", "sni.example.com", "cdn.example.com", "sni.example.com"],
    ["tls", "", "cdn.example.com", "cdn.example.com"],
    ["tls", "", "", "edge.example.com"],
    // REALITY's server name is its camouflage target, never the Host header (as in the vless:// link).
    ["reality", "", "cdn.example.com", "edge.example.com"],
  ] as const)("%s with sni %j and Host %j → servername %j", (security, sni, hostHeader, servername) => {
    expect(proxyOf({ security, sni, hostHeader, realityPublicKey: PUBLIC_KEY })?.servername).toBe(servername);
  });

  it.each([
    ["", undefined],
    ["h2", ["h2"]],
    [" h2 , http/1.1 ", ["h2", "http/1.1"]],
  ])("alpn %j → %j", (alpn, expected) => {
    expect(proxyOf({ alpn })?.alpn).toEqual(expected);
  });

  it("writes an empty REALITY short-id, which mihomo requires, and defaults the fingerprint", () => {
    expect(proxyOf({ transport: "grpc", security: "reality", path: "svc", fingerprint: "", realityPublicKey: PUBLIC_KEY })).toMatchObject({
      "client-fingerprint": "chrome",
      "reality-opts": { "public-key": PUBLIC_KEY, "short-id": "" },
    });
  });

  it("writes an IPv6 server without brackets", () => {
    expect(proxyOf({ address: "2001:db8::1" })).toMatchObject({ server: "2001:db8::1", servername: "2001:db8::1" });
  });

  it("keeps a long name on one line", () => {
    const remark = `Edge ${"x".repeat(120)}: "quoted" #1`;
    const { body } = renderHosts(host({ remark }));
    expect(body.split("\n").some((line) => line.includes(remark.slice(0, 100)))).toBe(true);
    expect((parse(body) as ClashProfile).proxies[0]?.name).toBe(remark);
  });
});

describe("renderClash: profile", () => {
  it("renders a full profile with one select group and rules ending in MATCH", () => {
    const rendered = renderHosts(host({ remark: "A" }), host({ remark: "B", transport: "grpc", path: "svc" }));
    expect(rendered).toMatchObject({ contentType: "text/yaml; charset=utf-8", extension: "yaml" });
    const { proxies, ...rest } = parse(rendered.body) as ClashProfile;
    expect(proxies.map((proxy) => proxy.name)).toEqual(["A", "B"]);
    expect(rest).toEqual({
      "mixed-port": 7890,
      "allow-lan": false,
      mode: "rule",
      "log-level": "warning",
      "proxy-groups": [{ name: CLASH_GROUP, type: "select", proxies: ["A", "B", "DIRECT"] }],
      rules: [
        "IP-CIDR,127.0.0.0/8,DIRECT,no-resolve",
        "IP-CIDR,10.0.0.0/8,DIRECT,no-resolve",
        "IP-CIDR,172.16.0.0/12,DIRECT,no-resolve",
        "IP-CIDR,192.168.0.0/16,DIRECT,no-resolve",
        "IP-CIDR,169.254.0.0/16,DIRECT,no-resolve",
        "IP-CIDR6,::1/128,DIRECT,no-resolve",
        "IP-CIDR6,fc00::/7,DIRECT,no-resolve",
        "IP-CIDR6,fe80::/10,DIRECT,no-resolve",
        `MATCH,${CLASH_GROUP}`,
      ],
    });
  });

  it.each([
    [["A", "B"], ["A", "B"]],
    [["A", "A", "A"], ["A", "A 2", "A 3"]],
    [["A", "A", "A 2"], ["A", "A 2", "A 2 2"]],
    [["DIRECT", "GLOBAL", CLASH_GROUP], ["DIRECT 2", "GLOBAL 2", `${CLASH_GROUP} 2`]],
    [["", "A"], ["edge-1", "A"]],
  ])("names remarks %j as %j", (remarks, names) => {
    const profile = profileOf(...remarks.map((remark) => host({ remark })));
    expect(profile.proxies.map((proxy) => proxy.name)).toEqual(names);
    expect(profile["proxy-groups"][0]?.proxies).toEqual([...names, "DIRECT"]);
  });

  it.each([
    ["only xhttp hosts", [host({ transport: "xhttp" }), host({ transport: "xhttp", security: "reality" })], /xhttp/],
    ["no hosts", [], /No hosts/],
  ])("throws NothingToRenderError for %s", (_, hosts, message) => {
    expect(() => renderHosts(...hosts)).toThrow(NothingToRenderError);
    expect(() => renderHosts(...hosts)).toThrow(message);
  });
});
