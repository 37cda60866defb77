import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeV2rayInbounds } from "@/test/support/edge-stack";
import { FakeEdgePanel, waitUntil } from "@/test/support/fake-edge-panel";
import { EdgeTokenRefusedError, runEdgeAgent } from "./edge-agent";

const RETRY = { initialMs: 20, maxMs: 100 };
const ALICE = { email: "user-1@rotor", id: "a11ce000-0000-4000-8000-000000000001" };

let panel: FakeEdgePanel;
let dir: string;
let inboundsFile: string;
let controller: AbortController;

beforeEach(async () => {
  panel = new FakeEdgePanel();
  await panel.start();
  dir = mkdtempSync(path.join(tmpdir(), "rotor-agent-parts-"));
  inboundsFile = path.join(dir, "inbounds.json");
  await writeV2rayInbounds(inboundsFile, { internalPath: "/rotor-internal-ws" });
  controller = new AbortController();
});

afterEach(async () => {
  controller.abort();
  await panel.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("edge agent parts", () => {
  it("follows users alone, without a map, and restarts the core with --on-change when no --xray-restart is given", async () => {
    const restartLog = path.join(dir, "restarts.log");
    panel.users = { revision: "3", users: [ALICE] };
    const running = runEdgeAgent({ url: panel.url, token: "rte_test", signal: controller.signal, retry: RETRY, nginxMap: null, onChange: `echo ran >> ${restartLog}`, xrayInbounds: inboundsFile });
    await waitUntil(() => panel.userPolls.some((poll) => poll.since === "3"), "revision 3 applied");
    expect(readFileSync(inboundsFile, "utf8")).toContain(ALICE.id);
    expect(readFileSync(restartLog, "utf8")).toBe("ran\n");
    controller.abort();
    await running;
  });

  it("stops every part when the panel refuses the token", async () => {
    panel.tokenRefused = true;
    const mapFile = path.join(dir, "paths.map");
    await expect(
      runEdgeAgent({ url: panel.url, token: "rte_revoked", signal: controller.signal, retry: RETRY, nginxMap: mapFile, onChange: null, xrayInbounds: inboundsFile, xrayApi: "127.0.0.1:1" }),
    ).rejects.toThrow(EdgeTokenRefusedError);
  });

  it("needs something to keep", async () => {
    await expect(runEdgeAgent({ url: panel.url, token: "rte_test", signal: controller.signal, nginxMap: null, onChange: null })).rejects.toThrow(/a map to write or an inbounds file/);
  });
});
