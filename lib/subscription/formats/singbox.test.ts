import { describe, expect, it } from "vitest";
import { EVERY_OPTIONAL_FIELD, REALITY_PUBLIC_KEY, sampleHost } from "@/test/support/subscription-host";
import { NothingToRenderError, type SubscriptionHost } from "@/lib/subscription/types";
import { renderSingBox, SINGBOX_TAGS } from "./singbox";

const UUID = "6f1c3f1e-8c2d-4c55-9a0e-0d7f4f7b9a11";
const PUBLIC_KEY = REALITY_PUBLIC_KEY;

type Json = Record<string, unknown>;
interface SingBoxConfig {
  outbounds: Json[];
  [key: string]: unknown;
}

/**
 * What sing-box accepts where (unknown fields are fatal): the json tags of SagerNet/sing-box
 * option/*.go at v1.12.0, limited to the options a subscription could use. "value" is a scalar or a
 * list of scalars; "map" an object with free keys (HTTP headers); a function picks the set by `type`
 * or `action`, and returns undefined for a type sing-box does not have.
 */
type Keys = "value" | "map" | { readonly [key: string]: Keys } | ((node: Json) => Keys | undefined);

/** Keys whose values are scalars (or lists of them). */
const scalars = (...names: string[]): Record<string, Keys> => Object.fromEntries(names.map((name) => [name, "value" as const]));

const DIALER = ["detour", "domain_resolver", "connect_timeout", "tcp_fast_open"]; // outbound.go DialerOptions
const LISTEN = ["listen", "listen_port", "tcp_fast_open", "udp_timeout"]; // inbound.go ListenOptions
const TLS: Keys = {
  // tls.go OutboundTLSOptions, OutboundUTLSOptions, OutboundRealityOptions
  ...scalars("enabled", "disable_sni", "server_name", "insecure", "alpn", "min_version", "max_version"),
  utls: scalars("enabled", "fingerprint"),
  reality: scalars("enabled", "public_key", "short_id"),
};
const TRANSPORTS: Record<string, Keys> = {
  // v2ray_transport.go: V2RayWebsocketOptions, V2RayHTTPUpgradeOptions, V2RayGRPCOptions
  ws: { ...scalars("type", "path", "max_early_data", "early_data_header_name"), headers: "map" },
  httpupgrade: { ...scalars("type", "host", "path"), headers: "map" },
  grpc: scalars("type", "service_name", "idle_timeout", "ping_timeout", "permit_without_stream"),
};
const OUTBOUNDS: Record<string, Keys> = {
  // vless.go VLESSOutboundOptions
  vless: {
    ...scalars("type", "tag", ...DIALER, "server", "server_port", "uuid", "flow", "network", "packet_encoding"),
    tls: TLS,
    transport: (node) => TRANSPORTS[String(node.type)],
  },
  // group.go, direct.go
  selector: scalars("type", "tag", "outbounds", "default", "interrupt_exist_connections"),
  urltest: scalars("type", "tag", "outbounds", "url", "interval", "tolerance", "idle_timeout", "interrupt_exist_connections"),
  direct: scalars("type", "tag", ...DIALER),
};
const DNS_SERVERS: Record<string, Keys> = {
  // dns.go: RemoteHTTPSDNSServerOptions, LocalDNSServerOptions
  https: { ...scalars("type", "tag", ...DIALER, "server", "server_port", "path"), headers: "map", tls: TLS },
  local: scalars("type", "tag", ...DIALER),
};
const INBOUNDS: Record<string, Keys> = {
  // tun.go TunInboundOptions, simple.go HTTPMixedInboundOptions
  tun: scalars("type", "tag", "interface_name", "mtu", "address", "auto_route", "strict_route", "route_address", "route_exclude_address", "stack"),
  mixed: scalars("type", "tag", ...LISTEN, "users", "set_system_proxy"),
};
// rule.go RawDefaultRule, then the options of each action (rule_action.go).
const RULE_MATCH = ["inbound", "ip_version", "network", "protocol", "domain", "domain_suffix", "ip_cidr", "ip_is_private", "port", "rule_set", "invert"];
const RULE_ACTIONS: Record<string, Keys> = {
  route: scalars(...RULE_MATCH, "action", "outbound"),
  sniff: scalars(...RULE_MATCH, "action", "sniffer", "timeout"),
  "hijack-dns": scalars(...RULE_MATCH, "action"),
};
const CONFIG: Keys = {
  log: scalars("disabled", "level", "output", "timestamp"), // options.go LogOptions
  dns: { ...scalars("final", "strategy", "disable_cache", "reverse_mapping"), servers: (node) => DNS_SERVERS[String(node.type)] },
  inbounds: (node) => INBOUNDS[String(node.type)],
  outbounds: (node) => OUTBOUNDS[String(node.type)],
  route: {
    // route.go RouteOptions
    ...scalars("final", "auto_detect_interface", "default_domain_resolver", "find_process"),
    rules: (node) => RULE_ACTIONS[String(node.action ?? "route")],
  },
};

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** Every place in `value` that `keys` does not allow, as "path: problem". */
function undocumented(value: unknown, keys: Keys, path = "$"): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => undocumented(item, keys, `${path}[${index}]`));
  if (typeof keys === "function") {
    if (!isObject(value)) return [`${path}: expected an object`];
    const picked = keys(value);
    return picked ? undocumented(value, picked, path) : [`${path}: undocumented type ${JSON.stringify(value.type ?? value.action)}`];
  }
  if (keys === "value") return isObject(value) ? [`${path}: expected a scalar`] : [];
  if (!isObject(value)) return [`${path}: expected an object`];
  if (keys === "map") return Object.entries(value).flatMap(([key, item]) => (isObject(item) ? [`${path}.${key}: expected a scalar`] : []));
  return Object.entries(value).flatMap(([key, item]) => {
    const allowed = keys[key];
    return allowed ? undocumented(item, allowed, `${path}.${key}`) : [`${path}.${key}: undocumented key`];
  });
}

const host = (fields: Partial<SubscriptionHost> = {}): SubscriptionHost =>
  sampleHost({ name: "edge-1", address: "edge.example.com", path: "/api/Ab3", remark: "Edge", ...fields });

const renderHosts = (...hosts: SubscriptionHost[]) => renderSingBox({ user: { username: "alice", uuid: UUID }, hosts, profileTitle: "Rotor" });
/** The parsed config, after checking that sing-box would accept every key in it. */
const configOf = (...hosts: SubscriptionHost[]) => {
  const config: unknown = JSON.parse(renderHosts(...hosts).body);
  expect(undocumented(config, CONFIG)).toEqual([]);
  return config as SingBoxConfig;
};
const vlessOf = (config: SingBoxConfig) => config.outbounds.filter((outbound) => outbound.type === "vless");
const outboundOf = (fields: Partial<SubscriptionHost>) => vlessOf(configOf(host(fields)))[0];

describe("undocumented (the test's own key check)", () => {
  it.each([
    [{ outbounds: [{ type: "vless", tag: "a", transport: { type: "ws", path: "/", host: "cdn" } }] }, ["$.outbounds[0].transport.host: undocumented key"]],
    [{ outbounds: [{ type: "vless", tls: { enabled: true, utls: { enabled: true, client_fingerprint: "x" } } }] }, ["$.outbounds[0].tls.utls.client_fingerprint: undocumented key"]],
    [{ outbounds: [{ type: "vless", transport: { type: "xhttp" } }] }, ['$.outbounds[0].transport: undocumented type "xhttp"']],
    [{ route: { rules: [{ action: "sniff", outbound: "direct" }] } }, ["$.route.rules[0].outbound: undocumented key"]],
    [{ dns: { servers: [{ type: "https", address: "https://1.1.1.1/dns-query" }] } }, ["$.dns.servers[0].address: undocumented key"]],
    [{ log: { level: { nested: true } } }, ["$.log.level: expected a scalar"]],
  ])("flags %j", (config, problems) => expect(undocumented(config, CONFIG)).toEqual(problems));
});

describe("renderSingBox: every transport × security", () => {
  const full = EVERY_OPTIONAL_FIELD;
  const utls = { enabled: true, fingerprint: "firefox" };
  const transports = [
    ["ws", "/api/Ab3", { type: "ws", path: "/api/Ab3", headers: { Host: "cdn.example.com" } }],
    ["httpupgrade", "/api/Ab3", { type: "httpupgrade", host: "cdn.example.com", path: "/api/Ab3" }],
    ["grpc", "Ab3Grpc", { type: "grpc", service_name: "Ab3Grpc" }],
  ] as const;
  const securities = [
    ["tls", { tls: { enabled: true, server_name: "sni.example.com", alpn: ["h2", "http/1.1"], utls } }],
    ["none", {}],
    ["reality", { tls: { enabled: true, server_name: "sni.example.com", utls, reality: { enabled: true, public_key: PUBLIC_KEY, short_id: "0123" } } }],
  ] as const;
  const cases = transports.flatMap(([transport, path, expectedTransport]) =>
    securities.map(([security, tls]) => ({ transport, security, path, expected: { ...tls, transport: expectedTransport } })),
  );

  it.each(cases)("$transport + $security", ({ transport, security, path, expected }) => {
    expect(outboundOf({ ...full, transport, security, path })).toEqual({
      type: "vless",
      tag: "Edge",
      server: "edge.example.com",
      server_port: 443,
      uuid: UUID,
      packet_encoding: "xudp",
      ...expected,
    });
  });

  it.each(["tls", "none", "reality"] as const)("leaves xhttp + %s out", (security) => {
    const config = configOf(host({ ...full, transport: "xhttp", security, remark: "X" }), host({ remark: "W" }));
    expect(vlessOf(config).map((outbound) => outbound.tag)).toEqual(["W"]);
  });
});

describe("renderSingBox: fields", () => {
  const earlyData = (size: number) => ({ max_early_data: size, early_data_header_name: "Sec-WebSocket-Protocol" });
  it.each([
    ["ws", "/api/Ab3?ed=2048", { type: "ws", path: "/api/Ab3", ...earlyData(2048) }],
    ["ws", "/api/Ab3?x=1&ed=1024", { type: "ws", path: "/api/Ab3?x=1", ...earlyData(1024) }],
    ["ws", "/api/Ab3?ed=fast", { type: "ws", path: "/api/Ab3?ed=fast" }],
    ["ws", "", { type: "ws", path: "/" }],
    // httpupgrade has no early-data option in sing-box: the hint is dropped, not sent as part of the path.
    ["httpupgrade", "/api/Ab3?ed=2048", { type: "httpupgrade", path: "/api/Ab3" }],
  ] as const)("%s path %j → transport %j", (transport, path, expected) => {
    expect(outboundOf({ transport, path })?.transport).toEqual(expected);
  });

  it.each([
    ["ws", "", { type: "ws", path: "/api/Ab3" }],
    ["ws", "cdn.example.com", { type: "ws", path: "/api/Ab3", headers: { Host: "cdn.example.com" } }],
    ["httpupgrade", "", { type: "httpupgrade", path: "/api/Ab3" }],
    ["httpupgrade", "cdn.example.com", { type: "httpupgrade", host: "cdn.example.com", path: "/api/Ab3" }],
  ] as const)("%s with Host %j → transport %j", (transport, hostHeader, expected) => {
    expect(outboundOf({ transport, hostHeader })?.transport).toEqual(expected);
  });

  it.each([
    ["tls", "sni.example.com", "cdn.example.com", "sni.example.com"],
    ["tls", "", "cdn.example.com", "cdn.example.com"],
    ["tls", "", "", "edge.example.com"],
    // REALITY's server name is its camouflage target, never the Host header (as in the vless:// link).
    ["reality", "", "cdn.example.com", "edge.example.com"],
  ] as const)("%s with sni %j and Host %j → server_name %j", (security, sni, hostHeader, serverName) => {
    expect(outboundOf({ security, sni, hostHeader, realityPublicKey: PUBLIC_KEY })?.tls).toMatchObject({ server_name: serverName });
  });

  it.each([
    ["", { enabled: true, server_name: "edge.example.com", utls: { enabled: true, fingerprint: "chrome" } }],
    [" h2 , http/1.1 ", { enabled: true, server_name: "edge.example.com", alpn: ["h2", "http/1.1"], utls: { enabled: true, fingerprint: "chrome" } }],
  ])("alpn %j → tls %j", (alpn, tls) => {
    expect(outboundOf({ alpn })?.tls).toEqual(tls);
  });

  it("leaves an empty REALITY short_id out and defaults the fingerprint", () => {
    expect(outboundOf({ transport: "grpc", security: "reality", path: "svc", fingerprint: "", realityPublicKey: PUBLIC_KEY })?.tls).toEqual({
      enabled: true,
      server_name: "edge.example.com",
      utls: { enabled: true, fingerprint: "chrome" },
      reality: { enabled: true, public_key: PUBLIC_KEY },
    });
  });

  it("writes an IPv6 server without brackets", () => {
    expect(outboundOf({ address: "2001:db8::1" })).toMatchObject({ server: "2001:db8::1", tls: { server_name: "2001:db8::1" } });
  });
});

describe("renderSingBox: config", () => {
  it("renders a full config around the proxies", () => {
    const rendered = renderHosts(host({ remark: "A" }), host({ remark: "B", transport: "grpc", path: "svc" }));
    expect(rendered).toMatchObject({ contentType: "application/json; charset=utf-8", extension: "json" });
    const { outbounds, ...rest } = JSON.parse(rendered.body) as SingBoxConfig;
    expect(outbounds.map(({ type, tag }) => [type, tag])).toEqual([
      ["selector", "proxy"],
      ["urltest", "auto"],
      ["vless", "A"],
      ["vless", "B"],
      ["direct", "direct"],
    ]);
    expect(outbounds.filter((outbound) => outbound.type !== "vless")).toEqual([
      { type: "selector", tag: SINGBOX_TAGS.selector, outbounds: ["auto", "A", "B"], default: "auto" },
      { type: "urltest", tag: SINGBOX_TAGS.urltest, outbounds: ["A", "B"] },
      { type: "direct", tag: SINGBOX_TAGS.direct },
    ]);
    expect(rest).toEqual({
      log: { level: "warn", timestamp: true },
      dns: {
        servers: [
          { type: "https", tag: "dns-remote", server: "1.1.1.1", detour: "proxy" },
          { type: "local", tag: "dns-local" },
        ],
        final: "dns-remote",
      },
      inbounds: [
        { type: "tun", tag: "tun-in", address: ["172.19.0.1/30", "fdfe:dcba:9876::1/126"], auto_route: true, strict_route: true },
        { type: "mixed", tag: "mixed-in", listen: "127.0.0.1", listen_port: 2080 },
      ],
      route: {
        rules: [{ action: "sniff" }, { protocol: "dns", action: "hijack-dns" }, { ip_is_private: true, outbound: "direct" }],
        final: "proxy",
        auto_detect_interface: true,
        default_domain_resolver: "dns-local",
      },
    });
  });

  it.each([
    [["A", "B"], ["A", "B"]],
    [["A", "A", "A"], ["A", "A 2", "A 3"]],
    [["A", "A", "A 2"], ["A", "A 2", "A 2 2"]],
    [["proxy", "auto", "direct"], ["proxy 2", "auto 2", "direct 2"]],
    [["", "A"], ["edge-1", "A"]],
  ])("tags remarks %j as %j", (remarks, tags) => {
    const config = configOf(...remarks.map((remark) => host({ remark })));
    const allTags = config.outbounds.map((outbound) => outbound.tag);
    expect(new Set(allTags).size).toBe(allTags.length);
    expect(vlessOf(config).map((outbound) => outbound.tag)).toEqual(tags);
    expect(config.outbounds.find((outbound) => outbound.type === "selector")?.outbounds).toEqual(["auto", ...tags]);
    expect(config.outbounds.find((outbound) => outbound.type === "urltest")?.outbounds).toEqual(tags);
  });

  it.each([
    ["only xhttp hosts", [host({ transport: "xhttp" }), host({ transport: "xhttp", security: "reality" })], /xhttp/],
    ["no hosts", [], /No hosts/],
  ])("throws NothingToRenderError for %s", (_, hosts, message) => {
    expect(() => renderHosts(...hosts)).toThrow(NothingToRenderError);
    expect(() => renderHosts(...hosts)).toThrow(message);
  });
});
