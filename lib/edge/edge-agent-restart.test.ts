import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { xrayConfig } from "@/lib/subscription/formats/xray";
import { httpGetThroughSocks, startOrigin, startV2rayClient, startV2rayServer, writeV2rayInbounds } from "@/test/support/edge-stack";
import { FakeEdgePanel, waitUntil } from "@/test/support/fake-edge-panel";
import { restartControl } from "@/test/support/restart-control";
import { sampleHost } from "@/test/support/subscription-host";
import { runEdgeAgent } from "./edge-agent";
import { XrayApiClient } from "./xray-api/xray-api-client";

const INTERNAL_PATH = "/rotor-internal-ws";
const ALICE = { email: "user-1@rotor", id: "a11ce000-0000-4000-8000-000000000001" };
/** A client from before Rotor, without an email: the API cannot remove it, so the agent restarts the core. */
const LEGACY = { id: "1e9ac000-0000-4000-8000-000000000007", level: 0 };

describe("edge agent restarting the core", () => {
  it("reads the core's traffic counters before it restarts the core, so that traffic still reaches the panel", async () => {
    const origin = await startOrigin();
    const dir = mkdtempSync(path.join(tmpdir(), "rotor-agent-restart-"));
    const inboundsFile = path.join(dir, "inbounds.json");
    await writeV2rayInbounds(inboundsFile, { internalPath: INTERNAL_PATH, clients: [ALICE] });
    const config = JSON.parse(readFileSync(inboundsFile, "utf8")) as { inbounds: Array<{ settings: { clients: object[] } }> };
    config.inbounds[0]!.settings.clients.push(LEGACY);
    writeFileSync(inboundsFile, JSON.stringify(config));
    const server = await startV2rayServer({ internalPath: INTERNAL_PATH, originPort: origin.port, inboundsFile });
    const control = await restartControl(server);
    const alice = await startV2rayClient(xrayConfig(ALICE.id, sampleHost({ address: "127.0.0.1", port: server.port, security: "none", path: INTERNAL_PATH })));
    const reader = new XrayApiClient({ address: server.apiAddress, flavor: "v2ray" });
    const panel = new FakeEdgePanel();
    await panel.start();
    const controller = new AbortController();
    try {
      expect((await httpGetThroughSocks(alice.socksPort)).status).toBe(200);
      const stats = new Map((await reader.queryStats({ pattern: `user>>>${ALICE.email}>>>`, reset: false })).map((stat) => [stat.name, stat.value]));
      const moved = { uplinkBytes: stats.get(`user>>>${ALICE.email}>>>traffic>>>uplink`) ?? 0, downlinkBytes: stats.get(`user>>>${ALICE.email}>>>traffic>>>downlink`) ?? 0 };
      expect(moved.downlinkBytes).toBeGreaterThan(0);

      panel.users = { revision: "1", users: [ALICE] };
      const usageState = path.join(dir, "usage-pending.json");
      const running = runEdgeAgent({
        url: panel.url,
        token: "rte_test",
        signal: controller.signal,
        retry: { initialMs: 20, maxMs: 100 },
        nginxMap: null,
        onChange: null,
        xrayInbounds: inboundsFile,
        xrayInboundTag: server.inboundTag,
        xrayApi: server.apiAddress,
        xrayApiFlavor: "v2ray",
        xrayRestart: control.command,
        // No interval ends during the test: only the read before the restart can carry Alice's bytes.
        usageIntervalMs: 3_600_000,
        usageState,
      });
      await waitUntil(() => panel.userPolls.some((poll) => poll.since === "1"), "revision 1 applied", 15_000);
      expect(server.starts()).toBe(2);
      await waitUntil(() => panel.counted.has(ALICE.email), "Alice's traffic to be counted");
      expect(panel.counted.get(ALICE.email)).toEqual(moved);
      await waitUntil(() => !existsSync(usageState), "the state file to go");
      controller.abort();
      await running;
    } finally {
      controller.abort();
      reader.close();
      await panel.stop();
      await alice.stop();
      await control.close();
      await server.stop();
      await origin.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
