import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { freePort } from "../test/support/free-port";
import {
  httpGetThroughSocks,
  openTunnel,
  plainGetStatus,
  startNginx,
  startOrigin,
  startV2rayClient,
  startV2rayServer,
  waitFor,
  type Nginx,
  type Origin,
  type V2rayClient,
  type V2rayProcess,
} from "../test/support/edge-stack";
import { E2E_BASE_URL, E2E_SERVER_ENV, rotorCli, rotorCommand } from "./support/environment";

/*
 * The proof that rotation is invisible (Step 4): a real v2ray client, served by Rotor, tunnels
 * through a real nginx that follows the edge agent's map to a real v2ray server. Everything runs
 * on loopback with free ports; waits are on events (ports, files, nginx's own log), never sleeps.
 */

const INTERNAL_PATH = "/rotor-internal-ws";
/** Long enough for the steps inside the grace window, short enough to wait out. */
const GRACE_SECONDS = 12;

interface Stack {
  dir: string;
  mapFile: string;
  reloadScript: string;
  origin: Origin;
  server: V2rayProcess;
  nginx: Nginx;
  agent: ChildProcess;
  agentOutput: () => string;
  clients: V2rayClient[];
  hostId: number;
  subscriptionUrl: string;
  rotateHeaders: Record<string, string>;
}

test.describe.configure({ mode: "serial", timeout: 120_000 });

let stack: Stack;

test.beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "rotor-edge-proof-"));
  const mapFile = path.join(dir, "paths.map");
  // The on-change command the agent runs; it starts as a no-op because nginx needs the agent's
  // first map before it can start, and becomes the real reload once nginx runs.
  const reloadScript = path.join(dir, "reload.sh");
  writeFileSync(reloadScript, "true\n");

  const name = `proof-${Date.now()}`;
  const edgePort = await freePort();
  const subscriptionUrl = rotorCli(["user:add", "--username", name]).at(-1)!;
  const [user] = JSON.parse(rotorCli(["user:list", "--search", name, "--json"]).join("\n")) as Array<{ uuid: string }>;
  const hostId = Number(
    rotorCli([
      "host:add", "--name", name, "--address", "127.0.0.1", "--port", String(edgePort), "--transport", "ws", "--security", "none",
      "--path-prefix", "/p/", "--announce", "0", "--grace", `${GRACE_SECONDS}s`, "--interval", "0",
    ]).at(-1)!.replace("id: ", ""),
  );
  const rotateToken = rotorCli(["token:create", "--name", `proof-${name}`, "--scopes", "read,rotate"]).at(-1)!;
  const edgeToken = rotorCli(["edge:add", "--name", name]).at(-1)!;

  const origin = await startOrigin();
  const server = await startV2rayServer({ uuid: user!.uuid, internalPath: INTERNAL_PATH, originPort: origin.port });

  const [binary, args] = rotorCommand(["edge-agent", "--url", E2E_BASE_URL, "--token", edgeToken, "--nginx-map", mapFile, "--on-change", `sh ${reloadScript}`]);
  const agent = spawn(binary, args, { env: { ...process.env, ...E2E_SERVER_ENV }, stdio: ["ignore", "pipe", "pipe"] });
  let agentLog = "";
  agent.stdout!.on("data", (chunk: Buffer) => (agentLog += chunk.toString()));
  agent.stderr!.on("data", (chunk: Buffer) => (agentLog += chunk.toString()));

  const state = await waitFor(() => hostState(hostId), { what: "the host's first state in the agent's map", timeoutMs: 30_000, detail: () => agentLog });
  await waitFor(() => mapHas(mapFile, state.path, state.next) || undefined, { what: "the agent's first map", timeoutMs: 30_000, detail: () => agentLog });
  const nginx = await startNginx({ mapFile, internalPath: INTERNAL_PATH, upstreamPort: server.port, port: edgePort });
  writeFileSync(reloadScript, `${nginx.reloadCommand}\n`);

  stack = {
    dir, mapFile, reloadScript, origin, server, nginx, agent, agentOutput: () => agentLog, clients: [], hostId, subscriptionUrl,
    rotateHeaders: { Authorization: `Bearer ${rotateToken}` },
  };
});

test.afterAll(async () => {
  if (!stack) return;
  stack.agent.kill("SIGTERM");
  await Promise.all([...stack.clients.map((client) => client.stop()), stack.nginx.stop(), stack.server.stop(), stack.origin.close()]);
  rmSync(stack.dir, { recursive: true, force: true });
});

/** The host's live paths as the edge API serves them (read back through the CLI, which reads the store). */
function hostState(hostId: number): { path: string; next: string } | undefined {
  const states = JSON.parse(rotorCli(["state", "--host", String(hostId), "--json"]).join("\n")) as Array<{ path: string; next: string }> | { path: string; next: string };
  return Array.isArray(states) ? states[0] : states;
}

function mapHas(mapFile: string, ...paths: string[]): boolean {
  let text = "";
  try {
    text = readFileSync(mapFile, "utf8");
  } catch {
    return false;
  }
  return paths.every((accepted) => text.includes(`"${accepted}" 1;`));
}

/** Starts a v2ray client from the xray config Rotor serves now, as a refreshing app would. */
async function clientFromSubscription(request: APIRequestContext): Promise<{ client: V2rayClient; path: string }> {
  const response = await request.get(`${stack.subscriptionUrl}?format=xray&host=${stack.hostId}`);
  expect(response.status()).toBe(200);
  const config = (await response.json()) as { inbounds: Array<Record<string, unknown>>; outbounds: Array<{ streamSettings?: { wsSettings?: { path: string } } }> };
  const client = await startV2rayClient(config);
  stack.clients.push(client);
  return { client, path: config.outbounds[0]!.streamSettings!.wsSettings!.path };
}

test("a client that never refreshes, one that refreshes at once, and an open tunnel all survive a rotation; the old path closes after grace", async ({ request }) => {
  const before = hostState(stack.hostId)!;

  // Served config → tunnel → origin.
  const { client: oldClient, path: oldPath } = await clientFromSubscription(request);
  expect(oldPath).toBe(before.path);
  expect(await httpGetThroughSocks(oldClient.socksPort)).toEqual({ status: 200, body: "rotor-origin /" });
  const tunnel = await openTunnel(oldClient.socksPort);
  expect(await tunnel.get("/before")).toEqual({ status: 200, body: "rotor-origin /before" });

  // The announced next path is accepted before any client can know it; a never-issued one is not.
  expect(await plainGetStatus(stack.nginx.port, before.next)).toBe(400);
  expect(await plainGetStatus(stack.nginx.port, "/p/neverIssuedPath0000000")).toBe(404);
  expect(await plainGetStatus(stack.nginx.port, INTERNAL_PATH)).toBe(404);

  // Rotate; a client refreshing right away gets the new path and connects at once, before the agent has even reloaded.
  const rotated = await request.post(`/api/v1/hosts/${stack.hostId}/rotate`, { headers: stack.rotateHeaders });
  expect(rotated.status()).toBe(200);
  const after = ((await rotated.json()) as { state: { path: string; next: string } }).state;
  expect(after.path).toBe(before.next);
  const { client: newClient, path: newPath } = await clientFromSubscription(request);
  expect(newPath).toBe(after.path);
  expect(await httpGetThroughSocks(newClient.socksPort, { host: "origin.rotor.invalid", port: 80, path: "/fresh" })).toEqual({ status: 200, body: "rotor-origin /fresh" });

  // The agent writes the new map (with the fresh next path) and reloads nginx.
  await waitFor(() => mapHas(stack.mapFile, after.path, after.next, before.path) || undefined, { what: "the map after the rotation", detail: stack.agentOutput });
  await waitFor(async () => ((await plainGetStatus(stack.nginx.port, after.next)) === 400 ? true : undefined), { what: "nginx to accept the fresh next path", detail: stack.nginx.errorLog });

  // During grace: the tunnel opened before the rotation is intact, and the stale client still connects.
  expect(await tunnel.get("/during-grace")).toEqual({ status: 200, body: "rotor-origin /during-grace" });
  expect(await httpGetThroughSocks(oldClient.socksPort, { host: "origin.rotor.invalid", port: 80, path: "/stale" })).toEqual({ status: 200, body: "rotor-origin /stale" });
  tunnel.close();

  // After grace: the agent drops the old path (the unit tests show it does so without the panel) and nginx refuses it.
  await waitFor(() => (!mapHas(stack.mapFile, before.path) && mapHas(stack.mapFile, after.path, after.next)) || undefined, {
    what: "the retired path to leave the map after grace",
    timeoutMs: (GRACE_SECONDS + 15) * 1000,
    detail: stack.agentOutput,
  });
  await waitFor(async () => ((await plainGetStatus(stack.nginx.port, before.path)) === 404 ? true : undefined), { what: "nginx to refuse the retired path", detail: stack.nginx.errorLog });
  // Other specs rotate their hosts on the same server, so more reloads may follow; wait until the
  // newest has retired every older worker, after which no worker holds the old map.
  await stack.nginx.reloaded({ since: stack.nginx.reloadCount() - 1, timeoutMs: 10_000 });
  expect(await plainGetStatus(stack.nginx.port, before.path)).toBe(404);
  await expect(httpGetThroughSocks(oldClient.socksPort, { host: "origin.rotor.invalid", port: 80, path: "/too-late" })).rejects.toThrow();
  expect(await httpGetThroughSocks(newClient.socksPort, { host: "origin.rotor.invalid", port: 80, path: "/still" })).toEqual({ status: 200, body: "rotor-origin /still" });
});
