import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { sampleHost } from "@/test/support/subscription-host";
import type { SubscriptionHost } from "@/lib/subscription/types";
import { renderXray } from "./xray";

/** Debian's `v2ray` package (v2ray-core 4.34): the oldest core formats.md says a ws/tcp object must load in. */
const V2RAY_BINARY = "/usr/bin/v2ray";

const UUID = "0f8e9b1c-2d3a-4b5c-8d7e-9f0a1b2c3d4e";
const base: SubscriptionHost = sampleHost({ id: 7, hostHeader: "cdn.example.com", alpn: "h2,http/1.1" });

/** Runs `v2ray -test` on a config fed through stdin; -test only parses and builds it, it never listens. */
function v2rayTest(config: string): { status: number | null; output: string } {
  const result = spawnSync(V2RAY_BINARY, ["-test", "-config", "stdin:"], { input: config, encoding: "utf8", timeout: 15_000 });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The single object served for `?format=xray&host=<id>`. */
function served(overrides: Partial<SubscriptionHost>): string {
  const host = { ...base, ...overrides };
  return renderXray({ user: { username: "alice", uuid: UUID }, hosts: [host], profileTitle: "Rotor" }, { hostId: host.id }).body;
}

/** The served ws+tls config with one change applied to its parsed form. */
function broken(change: (config: { outbounds: Array<Record<string, unknown>>; routing: { rules: unknown[] } }) => void): string {
  const config = JSON.parse(served({})) as Parameters<typeof change>[0];
  change(config);
  return JSON.stringify(config);
}

describe("xray configs in v2ray-core 4.34", () => {
  it.each([
    ["ws + none", { security: "none" as const }],
    ["ws + tls", {}],
  ])("%s loads", (_label, overrides) => {
    const { status, output } = v2rayTest(served(overrides));
    expect(output).toContain("Configuration OK.");
    expect(status).toBe(0);
  });

  // Negative controls: the same check fails when the core is given what it must refuse.
  it.each([
    [
      "a string port",
      broken((config) => {
        const settings = config.outbounds[0]?.settings as { vnext: Array<{ port: unknown }> };
        settings.vnext[0]!.port = "443";
      }),
      "cannot unmarshal string into Go struct field VLessOutboundVnext.vnext.port of type uint16",
    ],
    [
      "a geoip: rule",
      broken((config) => config.routing.rules.push({ type: "field", ip: ["geoip:private"], outboundTag: "direct" })),
      "failed to open file: geoip.dat",
    ],
  ])("refuses %s", (_label, config, message) => {
    const { status, output } = v2rayTest(config);
    expect(output).toContain(message);
    expect(output).not.toContain("Configuration OK.");
    expect(status).not.toBe(0);
  });
});
