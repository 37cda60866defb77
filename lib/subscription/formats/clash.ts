import type { RenderedProfile, RenderInput, SubscriptionHost } from "@/lib/subscription/types";
import { toBlockYaml } from "./block-yaml";
import { DIRECT_IP_RANGES, type NonXhttpHost, fingerprintOf, hostsWithoutXhttp, nameClaimer, serverName, splitAlpn, splitEarlyData, transportPath } from "./shared";

/**
 * The select group's name. A fixed name rather than the profile title: the title may be empty or
 * equal a proxy or built-in name, and `MATCH,<group>` must reference exactly this spelling.
 */
export const CLASH_GROUP = "Proxy";

/** Names mihomo already holds (config/config.go, parseProxies); a proxy taking one is "the duplicate name". */
const RESERVED_NAMES = ["DIRECT", "REJECT", "REJECT-DROP", "PASS", "COMPATIBLE", "GLOBAL", CLASH_GROUP];

/** Private and loopback ranges stay off the proxy; `no-resolve` so these rules never trigger DNS. */
const DIRECT_RULES = DIRECT_IP_RANGES.map((range) => `${range.includes(":") ? "IP-CIDR6" : "IP-CIDR"},${range},DIRECT,no-resolve`);

/** `ws-opts` as mihomo reads it (adapter/outbound/vmess.go, WSOptions). */
interface ClashWsOptions {
  path: string;
  headers?: { Host: string };
  "max-early-data"?: number;
  "early-data-header-name"?: string;
  "v2ray-http-upgrade"?: boolean;
}

/** A vless proxy with the keys of mihomo's VlessOption (adapter/outbound/vless.go). */
interface ClashProxy {
  name: string;
  type: "vless";
  server: string;
  port: number;
  uuid: string;
  network: "ws" | "grpc";
  udp: true;
  tls: boolean;
  servername?: string;
  "client-fingerprint"?: string;
  alpn?: string[];
  "ws-opts"?: ClashWsOptions;
  "grpc-opts"?: { "grpc-service-name": string };
  "reality-opts"?: { "public-key": string; "short-id": string };
}

/** A host Clash can carry: mihomo has no xhttp in older cores (formats.md, `clash`). */
type ClashHost = NonXhttpHost;

type TransportFields = Pick<ClashProxy, "network" | "ws-opts" | "grpc-opts">;
type SecurityFields = Pick<ClashProxy, "tls" | "servername" | "client-fingerprint" | "alpn" | "reality-opts">;

/** A full Clash Meta / mihomo profile (formats.md, `clash`); xhttp hosts are left out. */
export function renderClash(input: RenderInput): RenderedProfile {
  const usable = hostsWithoutXhttp(input.hosts, { profile: "a Clash profile", client: "a Clash client", profiles: "Clash profiles" });
  const claimName = nameClaimer(RESERVED_NAMES);
  const proxies = usable.map((host) => clashProxy(host, claimName(host.remark || host.name), input.user.uuid));
  const profile = {
    "mixed-port": 7890,
    "allow-lan": false,
    mode: "rule",
    "log-level": "warning",
    proxies,
    "proxy-groups": [{ name: CLASH_GROUP, type: "select", proxies: [...proxies.map((proxy) => proxy.name), "DIRECT"] }],
    rules: [...DIRECT_RULES, `MATCH,${CLASH_GROUP}`],
  };
  return { body: toBlockYaml(profile), contentType: "text/yaml; charset=utf-8", extension: "yaml" };
}

function clashProxy(host: ClashHost, name: string, uuid: string): ClashProxy {
  return {
    name,
    type: "vless",
    server: host.address,
    port: host.port,
    uuid,
    udp: true,
    ...transportFields(host),
    ...securityFields(host),
  };
}

/** httpupgrade rides on `network: ws` with `v2ray-http-upgrade` (formats.md, `clash`). */
function transportFields(host: ClashHost): TransportFields {
  switch (host.transport) {
    case "ws":
      return { network: "ws", "ws-opts": wsOptions(host) };
    case "httpupgrade":
      return { network: "ws", "ws-opts": { ...wsOptions(host), "v2ray-http-upgrade": true } };
    case "grpc":
      return { network: "grpc", "grpc-opts": { "grpc-service-name": host.path } };
  }
}

/** `?ed=N` becomes `max-early-data` + `early-data-header-name` (formats.md, `clash`). */
function wsOptions(host: SubscriptionHost): ClashWsOptions {
  const { path, maxEarlyData } = splitEarlyData(transportPath(host));
  return {
    path,
    ...(host.hostHeader ? { headers: { Host: host.hostHeader } } : {}),
    ...(maxEarlyData ? { "max-early-data": maxEarlyData, "early-data-header-name": "Sec-WebSocket-Protocol" } : {}),
  };
}

/** REALITY needs `tls: true` and `client-fingerprint` (formats.md, `clash`); alpn only with plain TLS, as in the vless:// link. */
function securityFields(host: SubscriptionHost): SecurityFields {
  const fingerprint = fingerprintOf(host);
  switch (host.security) {
    case "none":
      return { tls: false };
    case "reality":
      return {
        tls: true,
        servername: serverName(host),
        "client-fingerprint": fingerprint,
        // mihomo requires both keys (no omitempty in RealityOptions), so an empty short-id is written out.
        "reality-opts": { "public-key": host.realityPublicKey, "short-id": host.realityShortId },
      };
    case "tls": {
      const alpn = splitAlpn(host.alpn);
      return {
        tls: true,
        servername: serverName(host),
        "client-fingerprint": fingerprint,
        ...(alpn.length > 0 ? { alpn } : {}),
      };
    }
  }
}
