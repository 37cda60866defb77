import type { EdgePaths } from "./edge-paths";

/** Characters a rotated path can hold (host path prefixes are validated to the same set). */
const SAFE_PATH = /^\/?[A-Za-z0-9._~/-]+$/;

export interface RenderedMap {
  /** The include file: a comment line, then one `<key> 1;` line per accepted request path. */
  text: string;
  /** Accepted paths written (a gRPC service or an xhttp path counts once). */
  pathCount: number;
  /** Paths left out because nginx could not hold them safely (never produced by Rotor itself). */
  rejected: string[];
}

/**
 * The nginx `map` include that tells the edge which request paths are live (docs/edge.md):
 * `map $uri $rotor_path_accepted { default 0; include <file>; }`. Paths whose acceptUntil has
 * passed are dropped here, so an agent re-rendering on a timer prunes them even while the panel
 * is unreachable. The output depends only on the accepted paths, so an unchanged set renders to
 * the same bytes and the agent can skip the write and the reload.
 */
export function renderNginxMap(paths: EdgePaths, now: Date): RenderedMap {
  const keys: string[] = [];
  const rejected: string[] = [];
  const seen = new Set<string>();
  for (const host of paths.hosts) {
    for (const { path, acceptUntil } of host.accepted) {
      if (acceptUntil !== null && Date.parse(acceptUntil) <= now.getTime()) continue;
      if (seen.has(path)) continue;
      seen.add(path);
      if (!SAFE_PATH.test(path)) {
        rejected.push(path);
        continue;
      }
      keys.push(...mapKeys(host.transport, path));
    }
  }
  const pathCount = seen.size - rejected.length;
  const header = `# Written by rotor edge-agent; do not edit. ${paths.hosts.length} hosts, ${pathCount} accepted paths.`;
  return { text: [header, ...keys.map((key) => `${key} 1;`), ""].join("\n"), pathCount, rejected };
}

/** The `$uri` values a client of this transport requests on `path`. */
function mapKeys(transport: EdgePaths["hosts"][number]["transport"], path: string): string[] {
  switch (transport) {
    case "ws":
    case "httpupgrade":
      return [quoted(path)];
    case "grpc":
      // The path is the serviceName; gun clients call /<serviceName>/Tun (or TunMulti in multi mode).
      return [quoted(`/${path}/Tun`), quoted(`/${path}/TunMulti`)];
    case "xhttp":
      // xhttp requests <path>/<session>[/<seq>] as well as the path itself.
      return [quoted(path), `~^${path.replace(/\/$/, "").replace(/\./g, "\\.")}/`];
  }
}

function quoted(path: string): string {
  return `"${path}"`;
}
