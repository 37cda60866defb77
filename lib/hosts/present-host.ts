import type { Host } from "./get-host";
import type { HostJson } from "./api-schema";

/** The contract's host shape (DESIGN.md, Shapes: host): no REALITY keys, sort order or timestamps. */
export function presentHost(host: Host): HostJson {
  return {
    id: host.id,
    name: host.name,
    address: host.address,
    port: host.port,
    transport: host.transport,
    security: host.security,
    sni: host.sni,
    hostHeader: host.hostHeader,
    fingerprint: host.fingerprint,
    alpn: host.alpn,
    pathPrefix: host.pathPrefix,
    rotationIntervalSeconds: host.rotationIntervalSeconds,
    graceSeconds: host.graceSeconds,
    announceSeconds: host.announceSeconds,
    enabled: host.enabled,
  };
}
