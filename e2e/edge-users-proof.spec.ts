import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { freePort } from "../test/support/free-port";
import {
  httpGetThroughSocks,
  openTunnel,
  startNginx,
  startOrigin,
  startV2rayClient,
  startV2rayServer,
  waitFor,
  writeV2rayInbounds,
  type Nginx,
  type Origin,
  type V2rayClient,
  type V2rayProcess,
} from "../test/support/edge-stack";
import { createToken, readDb, uniqueName, type ApiToken } from "./support/api-v1";
import { E2E_BASE_URL, E2E_SERVER_ENV, rotorCli, rotorCommand } from "./support/environment";

/*
 * The proof that users reach the edge without a restart (Step 6): the real app, the edge agent in
 * --xray-inbounds + --xray-api mode, a real v2ray (4.34) whose users come only through its gRPC
 * API, real nginx in front, and real v2ray clients running the configs Rotor serves. A new user's
 * client gets through; a disabled user's client is refused once the agent has applied it; another
 * user's open tunnel survives both changes, which a core restart would have cut.
 */

const INTERNAL_PATH = "/rotor-internal-ws";

interface Stack {
  dir: string;
  inboundsFile: string;
  restartLog: string;
  origin: Origin;
  server: V2rayProcess;
  nginx: Nginx;
  agent: ChildProcess;
  agentOutput: () => string;
  clients: V2rayClient[];
  hostId: number;
  writer: ApiToken;
}

interface SeededUser {
  id: number;
  uuid: string;
  email: string;
  subscriptionUrl: string;
}

test.describe.configure({ mode: "serial", timeout: 120_000 });

let stack: Stack;

/** A user made through the CLI as an operator would, with the id the edge's email is built from. */
function addUser(prefix: string): SeededUser {
  const username = uniqueName(prefix);
  const subscriptionUrl = rotorCli(["user:add", "--username", username]).at(-1)!;
  const [user] = JSON.parse(rotorCli(["user:list", "--search", username, "--json"]).join("\n")) as Array<{ id: number; uuid: string }>;
  return { id: user!.id, uuid: user!.uuid, email: `user-${user!.id}@rotor`, subscriptionUrl };
}

test.beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "rotor-edge-users-"));
  const mapFile = path.join(dir, "paths.map");
  const inboundsFile = path.join(dir, "inbounds.json");
  const restartLog = path.join(dir, "restarts.log");
  const reloadScript = path.join(dir, "reload.sh");
  writeFileSync(reloadScript, "true\n");

  const name = uniqueName("users-proof");
  const edgePort = await freePort();
  const hostId = Number(
    rotorCli([
      "host:add", "--name", name, "--address", "127.0.0.1", "--port", String(edgePort), "--transport", "ws", "--security", "none",
      "--path-prefix", "/u/", "--announce", "0", "--interval", "0",
    ]).at(-1)!.replace("id: ", ""),
  );
  const edgeToken = rotorCli(["edge:add", "--name", name]).at(-1)!;
  const writer = createToken("users-proof-writer", "write");

  // The operator's inbounds file with no clients: the core starts with nobody, and every user arrives through its API.
  await writeV2rayInbounds(inboundsFile, { internalPath: INTERNAL_PATH });
  const origin = await startOrigin();
  const server = await startV2rayServer({ internalPath: INTERNAL_PATH, originPort: origin.port, inboundsFile });

  const [binary, args] = rotorCommand([
    "edge-agent", "--url", E2E_BASE_URL, "--token", edgeToken, "--nginx-map", mapFile, "--on-change", `sh ${reloadScript}`,
    "--xray-inbounds", inboundsFile, "--xray-inbound-tag", server.inboundTag, "--xray-api", server.apiAddress,
    // Never expected to run: a restart would cut the open tunnels this spec holds, and it fails loudly.
    "--xray-restart", `echo restart >> ${restartLog}; exit 1`,
    "--usage-interval", "1",
  ]);
  const agent = spawn(binary, args, { env: { ...process.env, ...E2E_SERVER_ENV }, stdio: ["ignore", "pipe", "pipe"] });
  let agentLog = "";
  agent.stdout!.on("data", (chunk: Buffer) => (agentLog += chunk.toString()));
  agent.stderr!.on("data", (chunk: Buffer) => (agentLog += chunk.toString()));

  await waitFor(() => readFileSync(mapFile, "utf8").includes('"/u/') || undefined, { what: "the agent's first map", timeoutMs: 30_000, detail: () => agentLog });
  const nginx = await startNginx({ mapFile, internalPath: INTERNAL_PATH, upstreamPort: server.port, port: edgePort });
  writeFileSync(reloadScript, `${nginx.reloadCommand}\n`);
  stack = { dir, inboundsFile, restartLog, origin, server, nginx, agent, agentOutput: () => agentLog, clients: [], hostId, writer };
});

test.afterAll(async () => {
  if (!stack) return;
  stack.agent.kill("SIGTERM");
  await Promise.all([...stack.clients.map((client) => client.stop()), stack.nginx.stop(), stack.server.stop(), stack.origin.close()]);
  rmSync(stack.dir, { recursive: true, force: true });
});

/** Starts a v2ray client from the xray config Rotor serves the user for this spec's host. */
async function clientOf(request: APIRequestContext, user: SeededUser): Promise<V2rayClient> {
  const response = await request.get(`${user.subscriptionUrl}?format=xray&host=${stack.hostId}`);
  expect(response.status()).toBe(200);
  const client = await startV2rayClient((await response.json()) as { inbounds: Array<Record<string, unknown>> });
  stack.clients.push(client);
  return client;
}

const reaches = (client: V2rayClient, requestPath: string) =>
  httpGetThroughSocks(client.socksPort, { host: "origin.rotor.invalid", port: 80, path: requestPath }).then(
    (result) => result.status === 200,
    () => false,
  );

/** The inbounds file's clients as the agent wrote them. */
function fileHas(email: string): boolean {
  const config = JSON.parse(readFileSync(stack.inboundsFile, "utf8")) as { inbounds: Array<{ tag?: string; settings?: { clients?: Array<{ email: string }> } }> };
  return config.inbounds.some((inbound) => inbound.settings?.clients?.some((client) => client.email === email) ?? false);
}

let bobAfterFirstTest: { user: SeededUser; client: V2rayClient } | undefined;

test("a new user's client gets through; a disabled user's is refused; another user's open tunnel survives both, with no restart", async ({ request }) => {
  const bob = addUser("users-proof-bob");
  const bobClient = await clientOf(request, bob);
  await waitFor(async () => ((await reaches(bobClient, "/bob")) ? true : undefined), { what: "bob's client to get through", timeoutMs: 30_000, detail: stack.agentOutput });
  const bobTunnel = await openTunnel(bobClient.socksPort);
  expect(await bobTunnel.get("/bob-open")).toEqual({ status: 200, body: "rotor-origin /bob-open" });

  // A user created now works as soon as the agent has applied them.
  const createdAt = Date.now();
  const created = await request.post("/api/v1/users", { headers: stack.writer.headers, data: { username: uniqueName("users-proof-alice").slice(0, 32) } });
  expect(created.status()).toBe(201);
  const aliceRow = (await created.json()) as { id: number; uuid: string; subscriptionUrl: string };
  const alice: SeededUser = { ...aliceRow, email: `user-${aliceRow.id}@rotor` };
  await waitFor(() => fileHas(alice.email) || undefined, { what: "the agent to write the new user", timeoutMs: 30_000, detail: stack.agentOutput });
  const createdToWritten = Date.now() - createdAt;
  const aliceClient = await clientOf(request, alice);
  // A refused probe only ends when v2ray drops the tunnel, so the probes start once the agent has the user.
  await waitFor(async () => ((await reaches(aliceClient, "/alice")) ? true : undefined), { what: "the new user's client to get through", timeoutMs: 30_000, detail: stack.agentOutput });
  const createdToWorking = Date.now() - createdAt;
  expect(await bobTunnel.get("/after-alice")).toEqual({ status: 200, body: "rotor-origin /after-alice" });

  // Disabled through the API: refused once the agent has applied it, and the file no longer lists her.
  const disabledAt = Date.now();
  const patched = await request.patch(`/api/v1/users/${alice.id}`, { headers: stack.writer.headers, data: { status: "disabled" } });
  expect(patched.status()).toBe(200);
  await waitFor(() => (fileHas(alice.email) ? undefined : true), { what: "the agent to drop the disabled user", timeoutMs: 30_000, detail: stack.agentOutput });
  const disabledToWritten = Date.now() - disabledAt;
  await waitFor(async () => ((await reaches(aliceClient, "/alice-disabled")) ? undefined : true), { what: "the disabled user's client to be refused", timeoutMs: 30_000, detail: stack.agentOutput });
  const disabledToRefused = Date.now() - disabledAt;
  expect(fileHas(bob.email)).toBe(true);

  // Bob's tunnel, open since before both changes, still carries requests: the core was never restarted.
  expect(await bobTunnel.get("/after-disable")).toEqual({ status: 200, body: "rotor-origin /after-disable" });
  expect(await reaches(bobClient, "/bob-again")).toBe(true);
  bobTunnel.close();
  bobAfterFirstTest = { user: bob, client: bobClient };
  expect(existsSync(stack.restartLog)).toBe(false);
  expect(stack.server.starts()).toBe(1);
  expect(stack.agentOutput()).toMatch(/users applied .*via=api/);
  expect(stack.agentOutput()).not.toMatch(/via=restart/);

  const timings = `created → in the inbounds file ${createdToWritten} ms, → client works ${createdToWorking} ms; disabled → out of the file ${disabledToWritten} ms, → client refused ${disabledToRefused} ms`;
  test.info().annotations.push({ type: "timings", description: timings });
  console.log(`edge users proof: ${timings}`);
});

test("the agent reports a user's traffic from the core's counters to the panel", async ({ request }) => {
  const { user, client } = bobAfterFirstTest!;
  const before = usageOf(user.id);
  for (const requestPath of ["/usage-1", "/usage-2", "/usage-3"]) expect(await reaches(client, requestPath)).toBe(true);
  const after = await waitFor(
    () => {
      const now = usageOf(user.id);
      return now.downloadBytes > before.downloadBytes && now.uploadBytes > before.uploadBytes ? now : undefined;
    },
    { what: "the user's traffic to reach the panel", timeoutMs: 30_000, detail: stack.agentOutput },
  );
  // Three responses of at least "rotor-origin /usage-N" (20 bytes) each came down the tunnel.
  expect(after.downloadBytes - before.downloadBytes).toBeGreaterThanOrEqual(60);
  expect(stack.agentOutput()).toMatch(/usage reported reportId=[0-9a-f]{32}/);
  await waitFor(() => (existsSync(`${stack.inboundsFile}.usage-pending.json`) ? undefined : true), { what: "the pending report to be settled", detail: stack.agentOutput });

  // A limit just above what is used: the next traffic the agent reports crosses it, the panel
  // stores limited, and the agent takes the user off the core, so their client is refused.
  const used = after.uploadBytes + after.downloadBytes;
  const limited = await request.patch(`/api/v1/users/${user.id}`, { headers: stack.writer.headers, data: { dataLimitBytes: used + 100 } });
  expect(limited.status()).toBe(200);
  for (const requestPath of ["/over-1", "/over-2", "/over-3", "/over-4", "/over-5"]) await reaches(client, requestPath);
  await waitFor(() => (statusOf(user.id) === "limited" ? true : undefined), { what: "the panel to store limited", timeoutMs: 30_000, detail: stack.agentOutput });
  await waitFor(() => (fileHas(user.email) ? undefined : true), { what: "the agent to drop the limited user", timeoutMs: 30_000, detail: stack.agentOutput });
  await waitFor(async () => ((await reaches(client, "/over-limit")) ? undefined : true), { what: "the limited user's client to be refused", timeoutMs: 30_000, detail: stack.agentOutput });
  const subscription = await request.get(`${user.subscriptionUrl}?format=xray&host=${stack.hostId}`);
  expect(subscription.status()).toBe(403);
});

function statusOf(userId: number): string {
  return readDb((db) => (db.prepare("SELECT status FROM users WHERE id = ?").get(userId) as { status: string }).status);
}

function usageOf(userId: number): { uploadBytes: number; downloadBytes: number } {
  return readDb((db) => db.prepare("SELECT upload_bytes AS uploadBytes, download_bytes AS downloadBytes FROM users WHERE id = ?").get(userId) as { uploadBytes: number; downloadBytes: number });
}
