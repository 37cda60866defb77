import { NothingToRenderError, type RenderedProfile, type RenderInput, type SubscriptionHost } from "@/lib/subscription/types";
import { DIRECT_IP_RANGES, fingerprintOf, serverName, splitAlpn, transportPath } from "./shared";


const SOCKS_PORT = 10808;
const HTTP_PORT = 10809;

export type XrayStreamSettings = { network: string; security: string } & Record<string, unknown>;

/** One full client config, as v2rayNG, Happ and Streisand import it. */
export interface XrayConfig {
  remarks: string;
  log: { loglevel: string };
  inbounds: Array<Record<string, unknown>>;
  outbounds: Array<Record<string, unknown>>;
  routing: { domainStrategy: string; rules: Array<Record<string, unknown>> };
}

/**
 * Xray JSON (formats.md: xray): an array of full client configs, one per host, or one object
 * when `hostId` picks a host or there is only one.
 */
export function renderXray(input: RenderInput, options: { hostId?: number } = {}): RenderedProfile {
  const configs = xrayConfigs(input, options);
  return { body: JSON.stringify(configs, null, 2), contentType: "application/json; charset=utf-8", extension: "json" };
}

/** The configs `renderXray` serialises: one object or an array of them. */
export function xrayConfigs(input: RenderInput, options: { hostId?: number } = {}): XrayConfig | XrayConfig[] {
  if (options.hostId !== undefined) {
    const host = input.hosts.find((candidate) => candidate.id === options.hostId);
    if (!host) throw new NothingToRenderError(`no host ${options.hostId} in this subscription`);
    return xrayConfig(input.user.uuid, host);
  }
  const [only, ...rest] = input.hosts;
  if (!only) throw new NothingToRenderError("no host is enabled for this subscription");
  if (rest.length === 0) return xrayConfig(input.user.uuid, only);
  return input.hosts.map((host) => xrayConfig(input.user.uuid, host));
}

/** A complete client config for one host: local socks/http inbounds, the proxy, direct and block. */
export function xrayConfig(uuid: string, host: SubscriptionHost): XrayConfig {
  return {
    remarks: host.remark,
    log: { loglevel: "warning" },
    inbounds: [
      {
        tag: "socks",
        listen: "127.0.0.1",
        port: SOCKS_PORT,
        protocol: "socks",
        settings: { udp: true, auth: "noauth" },
        sniffing: { enabled: true, destOverride: ["http", "tls"] },
      },
      { tag: "http", listen: "127.0.0.1", port: HTTP_PORT, protocol: "http", settings: {} },
    ],
    outbounds: [
      proxyOutbound(uuid, host),
      { tag: "direct", protocol: "freedom", settings: {} },
      { tag: "block", protocol: "blackhole", settings: {} },
    ],
    // v2rayNG refuses an imported config without `routing` (formats.md: xray).
    routing: {
      domainStrategy: "AsIs",
      rules: [{ type: "field", ip: [...DIRECT_IP_RANGES], outboundTag: "direct" }],
    },
  };
}

/**
 * The vless outbound in the `vnext` form, which both Xray and v2ray-core 4.x read; `encryption`
 * is required by both, and no `flow` since no host uses vision.
 */
export function proxyOutbound(uuid: string, host: SubscriptionHost): Record<string, unknown> {
  return {
    tag: "proxy",
    protocol: "vless",
    settings: {
      // A bare IPv6 literal: brackets belong to URLs, not to vnext.address.
      vnext: [{ address: host.address, port: host.port, users: [{ id: uuid, encryption: "none", level: 0 }] }],
    },
    streamSettings: streamSettings(host),
    mux: { enabled: false },
  };
}

/** `streamSettings` with only the objects for the host's own transport and security. */
export function streamSettings(host: SubscriptionHost): XrayStreamSettings {
  return { network: host.transport, security: host.security, ...transportSettings(host), ...securitySettings(host) };
}

function transportSettings(host: SubscriptionHost): Record<string, unknown> {
  const path = transportPath(host);
  const hostHeader = host.hostHeader;
  switch (host.transport) {
    case "ws":
      return { wsSettings: { path, ...(hostHeader && { headers: { Host: hostHeader } }) } };
    case "httpupgrade":
      return { httpupgradeSettings: { path, ...(hostHeader && { host: hostHeader }) } };
    case "grpc":
      // The serviceName as is: "gun" mode, like `mode=gun` in the vless:// link.
      return { grpcSettings: { serviceName: host.path, multiMode: false } };
    case "xhttp":
      return { xhttpSettings: { path, ...(hostHeader && { host: hostHeader }), mode: "auto" } };
  }
}

/*
 * Measured with Debian's v2ray 4.34 (`v2ray -test -config stdin:`): it ignores JSON keys it does
 * not know, so Xray's tlsSettings.fingerprint stays and ws+tls still prints "Configuration OK.".
 * It also accepts any `security` string unchecked, so a 4.34 load proves nothing about REALITY.
 */
function securitySettings(host: SubscriptionHost): Record<string, unknown> {
  const fingerprint = fingerprintOf(host);
  switch (host.security) {
    case "none":
      return {};
    case "tls": {
      const alpn = splitAlpn(host.alpn);
      return {
        tlsSettings: { serverName: serverName(host), ...(alpn.length > 0 && { alpn }), fingerprint },
      };
    }
    case "reality":
      // Same serverName rule as the vless:// link's `sni` for REALITY: the camouflage name, never the Host header.
      return {
        realitySettings: {
          serverName: serverName(host),
          fingerprint,
          publicKey: host.realityPublicKey,
          shortId: host.realityShortId,
          spiderX: host.realitySpiderX,
        },
      };
  }
}
