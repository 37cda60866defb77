import path from "node:path";
import { EdgeTokenRefusedError, runEdgeAgent } from "@/lib/edge/edge-agent";
import { AppError } from "@/lib/errors";
import { UsageError, convertOption, defineCommand, stringOption } from "../command";

const FLAVORS = ["auto", "v2ray", "xray"] as const;

export const edgeAgentCommand = defineCommand({
  name: "edge-agent",
  summary: "Keep an edge's nginx map of accepted paths and its proxy's users in step with the panel (runs until stopped).",
  usesDatabase: false,
  options: {
    url: { type: "string", placeholder: "URL", required: true, description: "the panel's base URL, e.g. https://panel.example.com" },
    token: { type: "string", placeholder: "T", required: true, description: "this edge's token from edge:add" },
    "nginx-map": { type: "string", placeholder: "FILE", description: "the map include to write (replaced atomically); needed unless --xray-inbounds is given" },
    "xray-inbounds": { type: "string", placeholder: "FILE", description: "the v2ray/Xray inbounds file whose VLESS clients the agent keeps (replaced atomically)" },
    "xray-inbound-tag": { type: "string", placeholder: "TAG", description: "only the VLESS inbound with this tag (default: every VLESS inbound in the file)" },
    "xray-api": { type: "string", placeholder: "HOST:PORT", description: "the core's API: users are added and removed one by one, and traffic is reported" },
    "xray-api-flavor": { type: "string", placeholder: "F", description: "the API's package names: v2ray, xray, or auto (default; detected from the core's answer)" },
    "xray-restart": { type: "string", placeholder: "CMD", description: "run with sh -c to make the core load the inbounds file (without --xray-api, or when it fails); default --on-change" },
    "usage-interval": { type: "string", placeholder: "SECONDS", description: "how often traffic is read from the core and reported (default 60; with --xray-api)" },
    "usage-state": { type: "string", placeholder: "FILE", description: "unconfirmed traffic reports are kept here (default <xray-inbounds>.usage-pending.json)" },
    "on-change": { type: "string", placeholder: "CMD", description: "run with sh -c after each new map, e.g. \"nginx -t && nginx -s reload\"" },
  },
  notes: "Stops on SIGTERM or SIGINT. docs/edge.md has the nginx site, the proxy config, its API and a systemd unit.",
  async run(values) {
    const url = stringOption(values, "url")!;
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new UsageError(`--url: expected an http(s) URL (got ${JSON.stringify(url)})`);
    const nginxMap = stringOption(values, "nginx-map");
    const xrayInbounds = stringOption(values, "xray-inbounds");
    if (!nginxMap && !xrayInbounds) throw new UsageError("--nginx-map or --xray-inbounds is required");
    const xrayApi = convertOption(values, "xray-api", (text) => (/^[^\s:]+:\d{1,5}$/.test(text) || /^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(text) ? text : undefined), "HOST:PORT");
    if (xrayApi && !xrayInbounds) throw new UsageError("--xray-api needs --xray-inbounds");
    const flavor = convertOption(values, "xray-api-flavor", (text) => FLAVORS.find((candidate) => candidate === text), FLAVORS.join(", "));
    const usageSeconds = convertOption(values, "usage-interval", (text) => (/^\d{1,6}$/.test(text) && Number(text) >= 1 ? Number(text) : undefined), "whole seconds ≥ 1");
    const usageState = stringOption(values, "usage-state");
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
    try {
      await runEdgeAgent({
        url,
        token: stringOption(values, "token")!,
        nginxMap: nginxMap ? path.resolve(nginxMap) : null,
        onChange: stringOption(values, "on-change") ?? null,
        xrayInbounds: xrayInbounds ? path.resolve(xrayInbounds) : null,
        xrayInboundTag: stringOption(values, "xray-inbound-tag") ?? null,
        xrayApi: xrayApi ?? null,
        xrayApiFlavor: flavor ?? "auto",
        xrayRestart: stringOption(values, "xray-restart") ?? null,
        usageIntervalMs: (usageSeconds ?? 60) * 1000,
        usageState: usageState ? path.resolve(usageState) : null,
        signal: controller.signal,
      });
    } catch (error) {
      // Exit 1 with the reason on one line, like every other refused CLI command.
      if (error instanceof EdgeTokenRefusedError) throw new AppError("unauthorized", error.message);
      throw error;
    } finally {
      process.off("SIGTERM", stop);
      process.off("SIGINT", stop);
    }
  },
});
