import { NothingToRenderError, type SubscriptionHost } from "../types";

/** Pieces every profile format needs the same way. */

/** Private and loopback ranges that stay off the proxy; literal ranges, since not every core ships geoip.dat (formats.md: xray). */
export const DIRECT_IP_RANGES = [
  "127.0.0.0/8",
  "10.0.0.0/8",
  "172.16.0.0/12",
  "192.168.0.0/16",
  "169.254.0.0/16",
  "::1/128",
  "fc00::/7",
  "fe80::/10",
] as const;

/** "h2, http/1.1" → ["h2", "http/1.1"]; "" → []. */
export function splitAlpn(alpn: string): string[] {
  return alpn
    .split(",")
    .map((protocol) => protocol.trim())
    .filter(Boolean);
}

/**
 * Removes Xray's `ed=N` early-data hint from a path's query, keeping any other parameters
 * (as mihomo's transport/vmess/websocket.go does when it finds one); clients that take early
 * data as an option get N separately.
 */
export function splitEarlyData(rawPath: string): { path: string; maxEarlyData?: number } {
  const queryStart = rawPath.indexOf("?");
  if (queryStart < 0) return { path: rawPath };
  const params = rawPath.slice(queryStart + 1).split("&");
  const index = params.findIndex((param) => /^ed=\d+$/.test(param));
  if (index < 0) return { path: rawPath };
  const maxEarlyData = Number(params[index]?.slice("ed=".length));
  const rest = params.filter((_, position) => position !== index).join("&");
  return { path: rawPath.slice(0, queryStart) + (rest ? `?${rest}` : ""), maxEarlyData };
}

/**
 * Hands out each name once, suffixing " 2", " 3", ... when taken: a duplicate proxy name is fatal
 * in mihomo, a duplicate tag in sing-box. `reserved` are names the client itself already holds.
 */
export function nameClaimer(reserved: readonly string[] = []): (name: string) => string {
  const taken = new Set(reserved);
  return (name) => {
    let unique = name;
    for (let suffix = 2; taken.has(unique); suffix += 1) unique = `${name} ${suffix}`;
    taken.add(unique);
    return unique;
  };
}

type HostSecurityFields = Pick<SubscriptionHost, "security" | "sni" | "hostHeader" | "address">;

/**
 * The TLS server name every format gives a host: `sni`, else the Host header, else the address.
 * For REALITY it is the camouflage target, so the Host header never stands in for it.
 */
export function serverName(host: HostSecurityFields): string {
  return host.security === "reality" ? host.sni || host.address : host.sni || host.hostHeader || host.address;
}

/** The uTLS fingerprint, `chrome` when unset (formats.md: `fp` default). */
export function fingerprintOf(host: Pick<SubscriptionHost, "fingerprint">): string {
  return host.fingerprint || "chrome";
}

/** The ws/httpupgrade/xhttp path, `/` when unset (formats.md: `path` default). */
export function transportPath(host: Pick<SubscriptionHost, "path">): string {
  return host.path || "/";
}

/** A host for clients without xhttp (sing-box, mihomo before xhttp): formats.md leaves those out. */
export type NonXhttpHost = SubscriptionHost & { transport: "ws" | "httpupgrade" | "grpc" };

/**
 * The hosts such a client can use. None left is an error naming the format, never an empty
 * profile (clash-verge-rev rejects one; formats.md, `clash`).
 */
export function hostsWithoutXhttp(
  hosts: readonly SubscriptionHost[],
  words: { profile: string; client: string; profiles: string },
): NonXhttpHost[] {
  const usable = hosts.filter((host): host is NonXhttpHost => host.transport !== "xhttp");
  if (usable.length > 0) return usable;
  throw new NothingToRenderError(
    hosts.length === 0
      ? `No hosts to put in ${words.profile}.`
      : `No hosts ${words.client} can use: xhttp hosts are left out of ${words.profiles}.`,
  );
}
