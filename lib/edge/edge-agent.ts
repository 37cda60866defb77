import { log } from "@/lib/log";
import { EdgeTokenRefusedError, type PanelConnection, type RetryPolicy } from "./panel-client";
import { followPaths } from "./paths-follower";
import { openUsageReporter } from "./usage/usage-reporter";
import { followUsers } from "./users-follower";
import { XrayApiClient } from "./xray-api/xray-api-client";
import type { XrayApiFlavor } from "./xray-api/messages";

export { EdgeTokenRefusedError };

export interface EdgeAgentOptions extends PanelConnection {
  /** The nginx map include to write; null when the agent only follows users. */
  nginxMap: string | null;
  /** Run with `sh -c` after each new map, e.g. `nginx -t && nginx -s reload`. */
  onChange: string | null;
  /** The v2ray/Xray inbounds file whose VLESS clients the agent keeps; null = no users. */
  xrayInbounds?: string | null;
  xrayInboundTag?: string | null;
  /** `HOST:PORT` of the core's API; null = apply users by the restart command. */
  xrayApi?: string | null;
  xrayApiFlavor?: XrayApiFlavor | "auto";
  /** Run with `sh -c` to make the core load the inbounds file; defaults to `onChange`. */
  xrayRestart?: string | null;
  /** How often the core's traffic counters are read and reported (with an API only). */
  usageIntervalMs?: number;
  /** Where unconfirmed usage reports are kept; default `<xrayInbounds>.usage-pending.json`. */
  usageState?: string | null;
  now?: () => Date;
  retry?: RetryPolicy;
  commandTimeoutMs?: number;
}

/**
 * The edge agent: follows the panel's accepted paths into the nginx map and, with an inbounds
 * file, its users into the core (and, with the core's API, the users' traffic back to the panel).
 * The parts run side by side; when one stops for good (a revoked token) the others stop too.
 */
export async function runEdgeAgent(options: EdgeAgentOptions): Promise<void> {
  if (!options.nginxMap && !options.xrayInbounds) throw new Error("the edge agent needs a map to write or an inbounds file to keep");
  const controller = new AbortController();
  const signal = AbortSignal.any([options.signal, controller.signal]);
  const connection = { ...options, signal };
  const api = options.xrayApi && options.xrayInbounds ? new XrayApiClient({ address: options.xrayApi, flavor: options.xrayApiFlavor ?? "auto" }) : null;
  try {
    // Opened before the users follower starts: its first restart may come at once, and drains into it.
    const usage =
      api && options.xrayInbounds
        ? await openUsageReporter({
            ...connection,
            queryStats: (request) => api.queryStats(request),
            intervalMs: options.usageIntervalMs ?? 60_000,
            stateFile: options.usageState ?? `${options.xrayInbounds}.usage-pending.json`,
          })
        : null;
    const parts: Array<Promise<void>> = [];
    if (options.nginxMap) parts.push(followPaths({ ...connection, nginxMap: options.nginxMap }));
    if (options.xrayInbounds) {
      parts.push(
        followUsers({
          ...connection,
          xrayInbounds: options.xrayInbounds,
          inboundTag: options.xrayInboundTag ?? null,
          api,
          restartCommand: options.xrayRestart ?? options.onChange,
          // A restart zeroes the core's counters: their traffic goes into the pending reports first.
          beforeRestart: usage ? () => usage.drain() : undefined,
        }),
      );
    }
    if (usage) parts.push(usage.run());
    log.info("edge-agent started", { panel: options.url, map: options.nginxMap ?? undefined, inbounds: options.xrayInbounds ?? undefined, api: options.xrayApi ?? undefined });
    // The first part to fail ends them all; its error is the agent's.
    const stopped = parts.map((part) => part.catch((error: unknown) => {
      controller.abort();
      throw error;
    }));
    const results = await Promise.allSettled(stopped);
    const failure = results.find((result): result is PromiseRejectedResult => result.status === "rejected");
    if (failure) throw failure.reason;
  } finally {
    api?.close();
    log.info("edge-agent stopped");
  }
}
