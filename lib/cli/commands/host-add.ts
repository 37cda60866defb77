import { SECURITIES, TRANSPORTS } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createHost } from "@/lib/hosts/create-host";
import { initializeHostState } from "@/lib/rotation/rotator";
import { FINGERPRINTS } from "@/lib/hosts/schema";
import { formatDuration, parseDuration } from "@/lib/util/units";
import { convertOption, defineCommand, stringOption } from "../command";

const DURATION_FORM = "a duration like 90s, 30m, 6h or 1d";

export const hostAddCommand = defineCommand({
  name: "host:add",
  summary: "Create a host (an entry point clients connect to) and print its id.",
  options: {
    name: { type: "string", placeholder: "NAME", required: true, field: "name", description: "unique name, shown in clients' remarks" },
    address: { type: "string", placeholder: "ADDR", required: true, field: "address", description: "domain or IP clients connect to" },
    port: { type: "string", placeholder: "PORT", required: true, field: "port", description: "1-65535, usually 443" },
    transport: { type: "string", placeholder: TRANSPORTS.join("|"), required: true, field: "transport", description: "transport whose path rotates" },
    security: { type: "string", placeholder: SECURITIES.join("|"), required: true, field: "security", description: "transport security" },
    sni: { type: "string", placeholder: "NAME", field: "sni", description: "TLS server name (default: the address)" },
    "host-header": { type: "string", placeholder: "NAME", field: "hostHeader", description: "HTTP Host header for ws/httpupgrade/xhttp" },
    fingerprint: { type: "string", placeholder: "FP", field: "fingerprint", description: `uTLS fingerprint: ${FINGERPRINTS.join(", ")} (default chrome)` },
    alpn: { type: "string", placeholder: "LIST", field: "alpn", description: "comma-separated: h2,http/1.1,h3" },
    "reality-public-key": { type: "string", placeholder: "KEY", field: "realityPublicKey", description: "REALITY public key (pbk)" },
    "reality-short-id": { type: "string", placeholder: "HEX", field: "realityShortId", description: "REALITY short id (sid)" },
    "reality-spider-x": { type: "string", placeholder: "PATH", field: "realitySpiderX", description: "REALITY spiderX (spx)" },
    "path-prefix": { type: "string", placeholder: "PREFIX", field: "pathPrefix", description: "rotated paths start with it (default /)" },
    interval: { type: "string", placeholder: "DURATION", field: "rotationIntervalSeconds", description: "rotate this often; 0 = manual only (default 6h)" },
    grace: { type: "string", placeholder: "DURATION", field: "graceSeconds", description: "accept retired paths this long (default 24h)" },
    announce: { type: "string", placeholder: "DURATION", field: "announceSeconds", description: "announce a path this long before use (default 10s)" },
    disabled: { type: "boolean", field: "enabled", description: "create the host disabled (left out of subscriptions)" },
  },
  notes: "The new host's id is printed on the last line as `id: <id>`.",
  async run(values, context) {
    const duration = (name: string) => convertOption(values, name, parseDuration, DURATION_FORM);
    const host = createHost(
      context.db(),
      {
        name: stringOption(values, "name"),
        address: stringOption(values, "address"),
        port: convertOption(values, "port", (text) => (/^\d+$/.test(text) ? Number(text) : undefined), "a port number"),
        transport: stringOption(values, "transport"),
        security: stringOption(values, "security"),
        sni: stringOption(values, "sni"),
        hostHeader: stringOption(values, "host-header"),
        fingerprint: stringOption(values, "fingerprint"),
        alpn: stringOption(values, "alpn"),
        realityPublicKey: stringOption(values, "reality-public-key"),
        realityShortId: stringOption(values, "reality-short-id"),
        realitySpiderX: stringOption(values, "reality-spider-x"),
        pathPrefix: stringOption(values, "path-prefix"),
        rotationIntervalSeconds: duration("interval"),
        graceSeconds: duration("grace"),
        announceSeconds: duration("announce"),
        enabled: !values.disabled,
      },
      { actor: "cli" },
    );
    const rotation = host.rotationIntervalSeconds === 0 ? "manual rotation only" : `rotates every ${formatDuration(host.rotationIntervalSeconds)}`;
    context.out(
      `created host "${host.name}": ${host.transport}+${host.security} at ${host.address}:${host.port}, ${rotation}, grace ${formatDuration(host.graceSeconds)}`,
    );
    try {
      const { state } = await initializeHostState({ db: context.db(), store: context.store() }, host.id, "cli");
      context.out(`path: ${state.path} (next, announced to edges: ${state.next})`);
    } catch (error) {
      if (!(error instanceof AppError && error.code === "store_unavailable")) throw error;
      context.err("note: the rotation store is unreachable; the server creates this host's first path when it is back");
    }
    context.out(`id: ${host.id}`);
  },
});
