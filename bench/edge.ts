/**
 * npm run bench:edge [-- --rotations 50] — how fast a rotation reaches the edge, and whether a
 * client that keeps refreshing ever notices.
 *
 * Builds and starts `next start` on a fresh database with one ws host pointing at a local nginx;
 * runs the edge agent (the real CLI process) writing nginx's map and reloading it; a v2ray server
 * behind nginx and a small origin behind that. Then rotates the host N times through the API. For
 * each rotation: the time from sending the rotate request (upper bound, includes the commit) and
 * from its answer (lower bound) until nginx accepts the fresh `next` path on a new connection
 * (agent long-poll + render + write + reload). Meanwhile a client refreshes its subscription
 * continuously, restarts its v2ray core whenever the path changes, and sends requests through
 * it non-stop; every failed request is counted.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createApiToken } from "@/lib/auth/api-tokens";
import { openDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { createEdgeNode } from "@/lib/edge/edge-nodes";
import { createHost } from "@/lib/hosts/create-host";
import { EmbeddedRotationStore } from "@/lib/rotation/embedded-store";
import { initializeHostState } from "@/lib/rotation/rotator";
import { createUser } from "@/lib/users/create-user";
import {
  httpGetThroughSocks,
  plainGetStatus,
  startNginx,
  startOrigin,
  startV2rayClient,
  startV2rayServer,
  waitFor,
  type V2rayClient,
} from "@/test/support/edge-stack";
import { freePort } from "@/test/support/free-port";
import { buildNext, startNextServer, stopProcess } from "./next-server";
import { percentile } from "./report";

const INTERNAL_PATH = "/rotor-internal-ws";
/** Between rotations: a real host rotates every few hours; this only keeps rotations apart. */
const PAUSE_BETWEEN_ROTATIONS_MS = 250;
/** How often the client re-downloads its subscription. */
const REFRESH_EVERY_MS = 100;

function optionValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}


async function seed(databasePath: string, edgePort: number) {
  const db = openDatabase(databasePath);
  migrateDatabase(db);
  const store = new EmbeddedRotationStore(db);
  const host = createHost(
    db,
    { name: "edge", address: "127.0.0.1", port: edgePort, transport: "ws", security: "none", pathPrefix: "/b/", rotationIntervalSeconds: 0, announceSeconds: 0, graceSeconds: 600 },
    { actor: "bench" },
  );
  await initializeHostState({ db, store }, host.id, "bench");
  const user = createUser(db, { username: "bench" }, { actor: "bench" });
  const apiToken = createApiToken(db, { name: "bench", scopes: ["rotate"] }, { actor: "bench" }).token;
  const edgeToken = createEdgeNode(db, { name: "bench-edge" }, { actor: "bench" }).token;
  await store.close();
  db.$client.close();
  return { hostId: host.id, user, apiToken, edgeToken };
}

/** A client that refreshes its subscription non-stop and tunnels through whatever it was last given. */
function refreshingClient(subscriptionUrl: string) {
  let current: { client: V2rayClient; path: string } | undefined;
  let stopped = false;
  const counts = { ok: 0, failed: 0, switches: 0, failures: [] as string[] };

  const refresh = async () => {
    const config = (await (await fetch(subscriptionUrl)).json()) as { inbounds: Array<Record<string, unknown>>; outbounds: Array<{ streamSettings: { wsSettings: { path: string } } }> };
    const served = config.outbounds[0]!.streamSettings.wsSettings.path;
    if (current?.path === served) return;
    const next = { client: await startV2rayClient(config), path: served };
    const previous = current;
    current = next;
    counts.switches += 1;
    await previous?.client.stop();
  };
  const refreshing = (async () => {
    while (!stopped) {
      await refresh();
      await new Promise((resolve) => setTimeout(resolve, REFRESH_EVERY_MS));
    }
  })();
  const requesting = (async () => {
    while (!stopped) {
      if (!current) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        continue;
      }
      const using = current;
      try {
        const answer = await httpGetThroughSocks(using.client.socksPort, { host: "origin.rotor.invalid", port: 80, path: "/" });
        if (answer.status === 200) counts.ok += 1;
        else throw new Error(`status ${answer.status}`);
      } catch (error) {
        // A request cut because this refresher itself stopped the old core is not the edge's failure.
        if (using !== current) continue;
        counts.failed += 1;
        if (counts.failures.length < 5) counts.failures.push(error instanceof Error ? error.message : String(error));
      }
    }
  })();
  let stopping: Promise<void> | undefined;
  return {
    counts,
    stop() {
      stopped = true;
      stopping ??= Promise.all([refreshing, requesting]).then(() => current?.client.stop());
      return stopping;
    },
  };
}

async function main() {
  const rotations = Number(optionValue("--rotations") ?? 50);
  buildNext();
  const dir = mkdtempSync(path.join(tmpdir(), "rotor-bench-edge-"));
  const databasePath = path.join(dir, "rotor.db");
  const mapFile = path.join(dir, "paths.map");
  const reloadScript = path.join(dir, "reload.sh");
  writeFileSync(reloadScript, "true\n");
  const edgePort = await freePort();
  const { hostId, user, apiToken, edgeToken } = await seed(databasePath, edgePort);
  const port = await freePort();
  const panel = `http://127.0.0.1:${port}`;
  const server = await startNextServer({ databasePath, port, env: { PUBLIC_URL: panel } });
  const origin = await startOrigin();
  const v2ray = await startV2rayServer({ uuid: user.uuid, internalPath: INTERNAL_PATH, originPort: origin.port });
  const agent = spawn(
    path.join("node_modules", ".bin", "tsx"),
    ["--conditions=react-server", "lib/cli/main.ts", "edge-agent", "--url", panel, "--token", edgeToken, "--nginx-map", mapFile, "--on-change", `sh ${reloadScript}`],
    { env: { ...process.env, DATABASE_PATH: databasePath }, stdio: "ignore" },
  );
  let client: ReturnType<typeof refreshingClient> | undefined;
  const nginx = await waitFor(() => (existsSync(mapFile) ? true : undefined), { what: "the agent's first map", timeoutMs: 30_000 }).then(() =>
    startNginx({ mapFile, internalPath: INTERNAL_PATH, upstreamPort: v2ray.port, port: edgePort }),
  );
  writeFileSync(reloadScript, `${nginx.reloadCommand}\n`);
  try {
    client = refreshingClient(`${panel}/sub/${user.subscriptionToken}?format=xray&host=${hostId}`);
    await waitFor(() => (client!.counts.ok > 0 ? true : undefined), { what: "the first request through the client", timeoutMs: 15_000 });

    const upper: number[] = [];
    const lower: number[] = [];
    for (let index = 0; index < rotations; index += 1) {
      const sent = performance.now();
      const response = await fetch(`${panel}/api/v1/hosts/${hostId}/rotate`, { method: "POST", headers: { authorization: `Bearer ${apiToken}` } });
      const answered = performance.now();
      if (!response.ok) throw new Error(`rotate answered ${response.status}: ${await response.text()}`);
      const { state } = (await response.json()) as { state: { next: string } };
      // 400 is v2ray's answer to a plain GET on its ws path, so nginx has accepted and proxied it.
      await waitFor(async () => ((await plainGetStatus(edgePort, state.next)) === 400 ? true : undefined), { what: `nginx to accept ${state.next}`, timeoutMs: 10_000, intervalMs: 1 });
      const accepted = performance.now();
      upper.push(accepted - sent);
      lower.push(accepted - answered);
      await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_ROTATIONS_MS));
    }
    await client.stop();
    const f = (value: number) => value.toFixed(1);
    const sortedUpper = upper.toSorted((a, b) => a - b);
    const sortedLower = lower.toSorted((a, b) => a - b);
    console.log(`\n${rotations} rotations, commit → nginx accepts the fresh next path (agent long-poll + render + write + reload):`);
    console.log("| measured from          | p50 ms | p99 ms | max ms |");
    console.log("|------------------------|--------|--------|--------|");
    console.log(`| rotate request sent    | ${f(percentile(sortedUpper, 50)).padStart(6)} | ${f(percentile(sortedUpper, 99)).padStart(6)} | ${f(sortedUpper.at(-1)!).padStart(6)} |`);
    console.log(`| rotate answer received | ${f(percentile(sortedLower, 50)).padStart(6)} | ${f(percentile(sortedLower, 99)).padStart(6)} | ${f(sortedLower.at(-1)!).padStart(6)} |`);
    const { ok, failed, switches, failures } = client.counts;
    console.log(`target p99 < 200 ms: ${percentile(sortedUpper, 99) < 200 ? "met" : "missed"}`);
    console.log(`refreshing client: ${ok} requests ok, ${failed} failed, ${switches} config switches (target 0 failures)${failures.length ? `; first failures: ${failures.join(" | ")}` : ""}`);
  } finally {
    await client?.stop();
    await stopProcess(agent);
    await Promise.all([nginx.stop(), v2ray.stop(), origin.close(), stopProcess(server)]);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
