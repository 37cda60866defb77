import type { RenderedProfile, RenderInput, SubscriptionHost } from "@/lib/subscription/types";
import { type NonXhttpHost, fingerprintOf, hostsWithoutXhttp, nameClaimer, serverName, splitAlpn, splitEarlyData, transportPath } from "./shared";

/** Fixed tags: a host's remark can never take one (they are claimed first), and the route refers to them. */
export const SINGBOX_TAGS = { selector: "proxy", urltest: "auto", direct: "direct" } as const;

/** A host sing-box can carry: it has no xhttp transport (formats.md, `singbox`). */
type SingBoxHost = NonXhttpHost;

/** `transport` as in option/v2ray_transport.go; only the keys documented for each type. */
type SingBoxTransport =
  | { type: "ws"; path: string; headers?: { Host: string }; max_early_data?: number; early_data_header_name?: string }
  | { type: "httpupgrade"; host?: string; path: string }
  | { type: "grpc"; service_name: string };

/** `tls` as in option/tls.go (OutboundTLSOptions). */
interface SingBoxTls {
  enabled: true;
  server_name: string;
  alpn?: string[];
  utls: { enabled: true; fingerprint: string };
  reality?: { enabled: true; public_key: string; short_id?: string };
}

/** A vless outbound as in option/vless.go (VLESSOutboundOptions). */
interface VlessOutbound {
  type: "vless";
  tag: string;
  server: string;
  server_port: number;
  uuid: string;
  packet_encoding: "xudp";
  tls?: SingBoxTls;
  transport: SingBoxTransport;
}

/** A full sing-box 1.12+ config (formats.md, `singbox`); xhttp hosts are left out. */
export function renderSingBox(input: RenderInput): RenderedProfile {
  const usable = hostsWithoutXhttp(input.hosts, { profile: "a sing-box config", client: "a sing-box client", profiles: "sing-box configs" });
  const claimTag = nameClaimer(Object.values(SINGBOX_TAGS));
  const proxies = usable.map((host) => vlessOutbound(host, claimTag(host.remark || host.name), input.user.uuid));
  const tags = proxies.map((proxy) => proxy.tag);
  const config = {
    log: { level: "warn", timestamp: true },
    // The 1.12 server format (typed servers); the legacy `address` form is deprecated there.
    dns: {
      servers: [
        { type: "https", tag: "dns-remote", server: "1.1.1.1", detour: SINGBOX_TAGS.selector },
        { type: "local", tag: "dns-local" },
      ],
      final: "dns-remote",
    },
    inbounds: [
      {
        type: "tun",
        tag: "tun-in",
        address: ["172.19.0.1/30", "fdfe:dcba:9876::1/126"],
        auto_route: true,
        strict_route: true,
      },
      { type: "mixed", tag: "mixed-in", listen: "127.0.0.1", listen_port: 2080 },
    ],
    outbounds: [
      { type: "selector", tag: SINGBOX_TAGS.selector, outbounds: [SINGBOX_TAGS.urltest, ...tags], default: SINGBOX_TAGS.urltest },
      { type: "urltest", tag: SINGBOX_TAGS.urltest, outbounds: tags },
      ...proxies,
      { type: "direct", tag: SINGBOX_TAGS.direct },
    ],
    route: {
      rules: [{ action: "sniff" }, { protocol: "dns", action: "hijack-dns" }, { ip_is_private: true, outbound: SINGBOX_TAGS.direct }],
      final: SINGBOX_TAGS.selector,
      auto_detect_interface: true,
      // Resolves the proxies' own server names locally, so reaching a proxy never needs the proxy.
      default_domain_resolver: "dns-local",
    },
  };
  return { body: JSON.stringify(config, null, 2), contentType: "application/json; charset=utf-8", extension: "json" };
}

function vlessOutbound(host: SingBoxHost, tag: string, uuid: string): VlessOutbound {
  const tls = tlsOptions(host);
  return {
    type: "vless",
    tag,
    server: host.address,
    server_port: host.port,
    uuid,
    packet_encoding: "xudp",
    ...(tls ? { tls } : {}),
    transport: transportOptions(host),
  };
}

/**
 * No `tls` object at all without security; REALITY requires utls (formats.md, `singbox`).
 * alpn only with plain TLS, as in the vless:// link.
 */
function tlsOptions(host: SubscriptionHost): SingBoxTls | undefined {
  const utls = { enabled: true, fingerprint: fingerprintOf(host) } as const;
  switch (host.security) {
    case "none":
      return undefined;
    case "reality":
      return {
        enabled: true,
        server_name: serverName(host),
        utls,
        reality: {
          enabled: true,
          public_key: host.realityPublicKey,
          ...(host.realityShortId ? { short_id: host.realityShortId } : {}),
        },
      };
    case "tls": {
      const alpn = splitAlpn(host.alpn);
      return {
        enabled: true,
        server_name: serverName(host),
        ...(alpn.length > 0 ? { alpn } : {}),
        utls,
      };
    }
  }
}

/**
 * sing-box reads no `?ed=N` from a path: ws gets it as `max_early_data` (formats.md, `singbox`);
 * httpupgrade has no early-data option, so the hint is dropped there.
 */
function transportOptions(host: SingBoxHost): SingBoxTransport {
  const { path, maxEarlyData } = splitEarlyData(transportPath(host));
  switch (host.transport) {
    case "ws":
      return {
        type: "ws",
        path,
        ...(host.hostHeader ? { headers: { Host: host.hostHeader } } : {}),
        ...(maxEarlyData ? { max_early_data: maxEarlyData, early_data_header_name: "Sec-WebSocket-Protocol" } : {}),
      };
    case "httpupgrade":
      return { type: "httpupgrade", ...(host.hostHeader ? { host: host.hostHeader } : {}), path };
    case "grpc":
      return { type: "grpc", service_name: host.path };
  }
}
