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
