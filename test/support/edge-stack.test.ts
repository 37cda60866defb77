import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { xrayConfig, type XrayConfig } from "@/lib/subscription/formats/xray";
import { sampleHost } from "./subscription-host";
import {
  httpGetThroughSocks,
  openTunnel,
  plainGetStatus,
  runShell,
  startNginx,
  startOrigin,
  startV2rayClient,
  startV2rayServer,
  type Nginx,
  type Tunnel,
  type V2rayClient,
} from "./edge-stack";

const UUID = "0f8e9b1c-2d3a-4b5c-8d7e-9f0a1b2c3d4e";
const INTERNAL_PATH = "/rotor-internal-ws";
const ACCEPTED = "/ws/acceptedPath123";
const ROTATED = "/ws/rotatedPath456";

/** A map file as the edge agent writes it for ws hosts (lib/edge/nginx-map.ts), by hand. */
function writeMap(file: string, paths: string[]): void {
  const header = `# Written by rotor edge-agent; do not edit. 1 hosts, ${paths.length} accepted paths.`;
  writeFileSync(file, [header, ...paths.map((accepted) => `"${accepted}" 1;`), ""].join("\n"));
}

/** The config Rotor serves (`?format=xray&host=<id>`) for a ws + none host on the edge, from the real renderer. */
function clientConfig(edgePort: number, wsPath: string): XrayConfig {
  return xrayConfig(UUID, sampleHost({ address: "127.0.0.1", port: edgePort, security: "none", path: wsPath, remark: "edge · alice" }));
}

describe("edge stack: nginx following an edge-agent map in front of v2ray", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "rotor-edge-test-"));
  const mapFile = path.join(dir, "paths.map");
  const running: Array<{ stop(): Promise<void> } | { close(): Promise<void> }> = [];
  let nginx: Nginx;
  let client: V2rayClient;
  let tunnel: Tunnel | undefined;

  beforeAll(async () => {
    writeMap(mapFile, [ACCEPTED]);
    const origin = await startOrigin();
    running.push(origin);
    const server = await startV2rayServer({ uuid: UUID, internalPath: INTERNAL_PATH, originPort: origin.port });
    running.push(server);
    nginx = await startNginx({ mapFile, internalPath: INTERNAL_PATH, upstreamPort: server.port });
    running.push(nginx);
    client = await startV2rayClient(clientConfig(nginx.port, ACCEPTED));
    running.push(client);
  });

  afterAll(async () => {
    tunnel?.close();
    for (const handle of running.reverse()) await ("stop" in handle ? handle.stop() : handle.close());
    rmSync(dir, { recursive: true, force: true });
  });

  it("carries a client's request for an unresolvable name through the tunnel to the origin", async () => {
    expect(await httpGetThroughSocks(client.socksPort, { host: "origin.rotor.invalid", port: 80, path: "/hello" })).toEqual({
      status: 200,
      body: "rotor-origin /hello",
    });
  });

  it("hands mapped paths to the ws server (v2ray's 400 to a plain GET) and answers 404 for others", async () => {
    expect(await plainGetStatus(nginx.port, ACCEPTED)).toBe(400);
    expect(await plainGetStatus(nginx.port, "/ws/never-issued")).toBe(404);
    expect(await plainGetStatus(nginx.port, INTERNAL_PATH)).toBe(404);
  });

  it("after a map rewrite and reload, refuses the old path to new tunnels but keeps an open one", async () => {
    tunnel = await openTunnel(client.socksPort);
    expect(await tunnel.get("/before")).toEqual({ status: 200, body: "rotor-origin /before" });

    const reloads = nginx.reloadCount();
    writeMap(mapFile, [ROTATED]);
    await runShell(nginx.reloadCommand);
    // Waiting for the old worker to stop accepting, not for one 404: a fresh connection can
    // still land on the old worker for a few ms after another has reached the new one.
    await nginx.reloaded({ since: reloads });
    expect(await plainGetStatus(nginx.port, ACCEPTED)).toBe(404);
    expect(await plainGetStatus(nginx.port, ROTATED)).toBe(400);

    expect(await tunnel.get("/after")).toEqual({ status: 200, body: "rotor-origin /after" });
    // Every SOCKS connection is a new ws connection to the edge: a client still holding the old path.
    await expect(httpGetThroughSocks(client.socksPort)).rejects.toThrow(/closed before an HTTP response/);

    const rotatedClient = await startV2rayClient(clientConfig(nginx.port, ROTATED));
    running.push(rotatedClient);
    expect(await httpGetThroughSocks(rotatedClient.socksPort)).toEqual({ status: 200, body: "rotor-origin /" });
  });
});
