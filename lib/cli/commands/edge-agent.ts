import path from "node:path";
import { EdgeTokenRefusedError, runEdgeAgent } from "@/lib/edge/edge-agent";
import { AppError } from "@/lib/errors";
import { UsageError, defineCommand, stringOption } from "../command";

export const edgeAgentCommand = defineCommand({
  name: "edge-agent",
  summary: "Keep an edge's nginx map of accepted paths in step with the panel (runs until stopped).",
  usesDatabase: false,
  options: {
    url: { type: "string", placeholder: "URL", required: true, description: "the panel's base URL, e.g. https://panel.example.com" },
    token: { type: "string", placeholder: "T", required: true, description: "this edge's token from edge:add" },
    "nginx-map": { type: "string", placeholder: "FILE", required: true, description: "the map include to write (replaced atomically)" },
    "on-change": { type: "string", placeholder: "CMD", description: "run with sh -c after each new map, e.g. \"nginx -t && nginx -s reload\"" },
  },
  notes: "Stops on SIGTERM or SIGINT. docs/edge.md has the nginx site, the proxy inbound and a systemd unit.",
  async run(values) {
    const url = stringOption(values, "url")!;
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new UsageError(`--url: expected an http(s) URL (got ${JSON.stringify(url)})`);
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
    try {
      await runEdgeAgent({
        url,
        token: stringOption(values, "token")!,
        nginxMap: path.resolve(stringOption(values, "nginx-map")!),
        onChange: stringOption(values, "on-change") ?? null,
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
