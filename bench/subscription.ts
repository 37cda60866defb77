/**
 * npm run bench:sub [-- --users 1000,100000,1000000] — /sub/<token> against Next's own floor.
 *
 * Builds, then for each user count: seeds a fresh SQLite database, starts `next start`, and
 * drives it with autocannon (50 connections, 10 s, a random valid token per request) against
 * /sub (base64 for v2rayNG, clash for clash-verge) and against a static route of the same build
 * returning a fixed 2 KB body; then at a constant paced rate of half the static route's capacity.
 * Prints requests/s, p50/p99 latency, server CPU per request, peak RSS and the sub/static ratios.
 * `--cpu-prof DIR` writes the server's V8 CPU profile there (open it in Chrome DevTools);
 * `--quick` measures only static and base64 at saturation, for a fast before/after.
 */
import { spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { openDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { createHost } from "@/lib/hosts/create-host";
import { EmbeddedRotationStore } from "@/lib/rotation/embedded-store";
import { initializeHostState } from "@/lib/rotation/rotator";
import { generateSubscriptionToken } from "@/lib/users/create-user";
import { sha256Hex } from "@/lib/util/tokens";
import { freePort } from "@/test/support/free-port";
import { buildNext, startNextServer, stopProcess } from "./next-server";
import { pacedLoad } from "./paced-load";

const CLOCK_TICKS_PER_SECOND = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;
const DURATION_SECONDS = 10;
const CONNECTIONS = 50;

interface Measurement {
  rps: number;
  p50: number;
  p99: number;
  cpuMsPerRequest: number;
  errors: number;
}

/** Seeds `count` active users (and two hosts with live paths) with one prepared insert. */
async function seed(databasePath: string, count: number): Promise<string[]> {
  const db = openDatabase(databasePath);
  migrateDatabase(db);
  const store = new EmbeddedRotationStore(db);
  for (const [name, transport] of [["de", "ws"], ["nl", "grpc"]] as const) {
    const host = createHost(db, { name, address: `${name}.example.com`, port: 443, transport, security: "tls", rotationIntervalSeconds: 0 }, { actor: "bench" });
    await initializeHostState({ db, store }, host.id, "bench");
  }
  const insert = db.$client.prepare(
    "INSERT INTO users (username, uuid, subscription_token, subscription_token_hash, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'active', ?, ?)",
  );
  const tokens: string[] = [];
  const now = Date.now();
  db.$client.transaction(() => {
    for (let index = 0; index < count; index += 1) {
      const token = generateSubscriptionToken();
      tokens.push(token);
      insert.run(`user${index}`, randomUUID(), token, sha256Hex(token), now, now);
    }
  })();
  await store.close();
  db.$client.close();
  return tokens;
}

function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

function peakRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((entry) => entry.startsWith("VmHWM:"));
  return Math.round(Number(line?.split(/\s+/)[1] ?? 0) / 1024);
}

function optionValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function startServer(databasePath: string, port: number): Promise<ChildProcess> {
  const profileDir = optionValue("--cpu-prof");
  // The server gets core 0 to itself and this process (the load) core 1: on a 2-core machine,
  // sharing cores makes run-to-run noise as large as the differences measured.
  return startNextServer({
    databasePath,
    port,
    core: 0,
    nodeArgs: profileDir ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [],
    env: { ROTOR_BENCH: "1" },
  });
}

async function paced(url: string, server: ChildProcess, route: { path: () => string; userAgent: string }, rate: number): Promise<Measurement> {
  const before = cpuTicks(server.pid!);
  const result = await pacedLoad({ url, rate, seconds: DURATION_SECONDS, path: route.path, headers: { "user-agent": route.userAgent } });
  const cpuMs = ((cpuTicks(server.pid!) - before) / CLOCK_TICKS_PER_SECOND) * 1000;
  return { rps: result.sent / DURATION_SECONDS, p50: result.p50, p99: result.p99, cpuMsPerRequest: cpuMs / result.sent, errors: result.errors };
}

async function load(
  url: string,
  server: ChildProcess,
  route: { path: () => string; userAgent: string },
  options: { seconds: number },
): Promise<Measurement> {
  const before = cpuTicks(server.pid!);
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: options.seconds,
    headers: { "user-agent": route.userAgent },
    requests: [{ setupRequest: (request) => ({ ...request, path: route.path() }) }],
  });
  const cpuMs = ((cpuTicks(server.pid!) - before) / CLOCK_TICKS_PER_SECOND) * 1000;
  const requests = result.requests.total;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMsPerRequest: requests > 0 ? cpuMs / requests : Number.NaN,
    errors: result.errors + result.non2xx,
  };
}

async function benchmark(users: number) {
  const dir = mkdtempSync(path.join(tmpdir(), "rotor-bench-sub-"));
  const databasePath = path.join(dir, "rotor.db");
  const seedStarted = performance.now();
  const tokens = await seed(databasePath, users);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const port = await freePort();
  const server = await startServer(databasePath, port);
  const url = `http://127.0.0.1:${port}`;
  const randomToken = () => tokens[Math.floor(Math.random() * tokens.length)]!;
  const routes = {
    static: { path: () => "/api/bench/static", userAgent: "v2rayNG/1.9.45" },
    base64: { path: () => `/sub/${randomToken()}`, userAgent: "v2rayNG/1.9.45" },
    clash: { path: () => `/sub/${randomToken()}`, userAgent: "clash-verge/v2.2.3" },
  };
  try {
    if (process.argv.includes("--quick")) {
      for (const route of [routes.static, routes.base64]) await load(url, server, route, { seconds: 2 });
      const staticRoute = await load(url, server, routes.static, { seconds: 5 });
      const base64 = await load(url, server, routes.base64, { seconds: 5 });
      console.log(`quick: static ${staticRoute.rps.toFixed(0)}/s ${staticRoute.cpuMsPerRequest.toFixed(2)} ms; base64 ${base64.rps.toFixed(0)}/s ${base64.cpuMsPerRequest.toFixed(2)} ms; ratio ${(base64.rps / staticRoute.rps).toFixed(2)}`);
      return undefined;
    }
    for (const route of Object.values(routes)) await load(url, server, route, { seconds: 3 }); // warm-up: JIT, caches
    const saturated = {
      static: await load(url, server, routes.static, { seconds: DURATION_SECONDS }),
      base64: await load(url, server, routes.base64, { seconds: DURATION_SECONDS }),
      clash: await load(url, server, routes.clash, { seconds: DURATION_SECONDS }),
    };
    const rate = Math.round(saturated.static.rps / 2);
    const pacedResults = {
      static: await paced(url, server, routes.static, rate),
      base64: await paced(url, server, routes.base64, rate),
    };
    return { users, seedSeconds, saturated, paced: pacedResults, rate, peakRssMb: peakRssMb(server.pid!) };
  } finally {
    await stopProcess(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

function parseUsers(): number[] {
  const list = optionValue("--users") ?? "1000,100000,1000000";
  return (list ?? "").split(",").map(Number).filter((count) => Number.isSafeInteger(count) && count > 0);
}

async function main() {
  spawnSync("taskset", ["-cp", "1", String(process.pid)], { stdio: "ignore" });
  buildNext();
  const f = (value: number, digits = 0) => value.toFixed(digits);
  const results = [];
  for (const users of parseUsers()) {
    const result = await benchmark(users);
    if (!result) continue;
    results.push(result);
    const { saturated: s, paced: p } = result;
    console.log(`\n${users.toLocaleString("en-US")} users (seeded in ${f(result.seedSeconds, 1)} s), peak server RSS ${result.peakRssMb} MB`);
    console.log("| route                | req/s | p50 ms | p99 ms | CPU ms/req | errors |");
    console.log("|----------------------|-------|--------|--------|------------|--------|");
    for (const [name, m] of Object.entries(s)) console.log(`| ${`${name}, saturated`.padEnd(20)} | ${f(m.rps).padStart(5)} | ${f(m.p50, 1).padStart(6)} | ${f(m.p99, 1).padStart(6)} | ${f(m.cpuMsPerRequest, 2).padStart(10)} | ${String(m.errors).padStart(6)} |`);
    for (const [name, m] of Object.entries(p)) console.log(`| ${`${name}, ${result.rate}/s`.padEnd(20)} | ${f(m.rps).padStart(5)} | ${f(m.p50, 1).padStart(6)} | ${f(m.p99, 1).padStart(6)} | ${f(m.cpuMsPerRequest, 2).padStart(10)} | ${String(m.errors).padStart(6)} |`);
    console.log(
      `ratios sub/static: throughput base64 ${f(s.base64.rps / s.static.rps, 2)} (target ≥ 0.9), clash ${f(s.clash.rps / s.static.rps, 2)}; ` +
        `CPU/request base64 ${f(s.base64.cpuMsPerRequest / s.static.cpuMsPerRequest, 2)} (target ≤ 1.1); paced p99 ${f(p.base64.p99, 1)} ms (target ≤ 30)`,
    );
  }
  const first = results[0];
  const last = results.at(-1);
  if (first && last && first !== last) {
    console.log(`\nthroughput at ${last.users.toLocaleString("en-US")} users vs ${first.users.toLocaleString("en-US")}: ${f(last.saturated.base64.rps / first.saturated.base64.rps, 2)} (target within 10 %)`);
  }
}

await main();
