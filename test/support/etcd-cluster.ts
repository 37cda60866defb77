import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./free-port";

/** Debian's etcd-server installs the binary here; ETCD_BINARY is not honoured to keep tests on the real thing. */
const ETCD_BINARY = "/usr/bin/etcd";
const HEALTH_TIMEOUT_MS = 15_000;

export interface EtcdMember {
  name: string;
  clientUrl: string;
  peerUrl: string;
  dataDir: string;
  /** True while its process is running. */
  readonly running: boolean;
  /** Starts (or restarts, keeping its data) and waits until it answers /health. */
  start(): Promise<void>;
  /** Stops it: SIGTERM, or SIGKILL to simulate a crash. */
  stop(signal?: "SIGTERM" | "SIGKILL"): Promise<void>;
  /** The last lines it printed, for failure messages. */
  logTail(): string;
}

export interface EtcdCluster {
  members: EtcdMember[];
  /** Client URLs of every member, as ETCD_ENDPOINTS takes them. */
  endpoints: string[];
  stop(): Promise<void>;
}

/**
 * Starts a real etcd cluster of `size` members on free loopback ports, with temp data dirs,
 * and waits until every member reports healthy. Fast Raft timings make elections take ~0.1 s.
 */
export async function startEtcdCluster(options: { size?: number } = {}): Promise<EtcdCluster> {
  const size = options.size ?? 1;
  const root = mkdtempSync(path.join(tmpdir(), "rotor-etcd-"));
  const specs = [];
  for (let index = 0; index < size; index += 1) {
    specs.push({
      name: `m${index}`,
      clientUrl: `http://127.0.0.1:${await freePort()}`,
      peerUrl: `http://127.0.0.1:${await freePort()}`,
      dataDir: path.join(root, `m${index}`),
    });
  }
  const initialCluster = specs.map((spec) => `${spec.name}=${spec.peerUrl}`).join(",");
  const members = specs.map((spec) => createMember(spec, initialCluster));
  const cluster: EtcdCluster = {
    members,
    endpoints: members.map((member) => member.clientUrl),
    async stop() {
      // SIGKILL: the data is thrown away, and a graceful stop of a member that lost a peer
      // waits seconds trying to hand over leadership.
      await Promise.all(members.map((member) => member.stop("SIGKILL")));
      rmSync(root, { recursive: true, force: true });
    },
  };
  try {
    // Members of a new cluster wait for each other, so they start together.
    await Promise.all(members.map((member) => member.start()));
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}

function createMember(
  spec: { name: string; clientUrl: string; peerUrl: string; dataDir: string },
  initialCluster: string,
): EtcdMember {
  let child: ChildProcess | undefined;
  let output = "";
  const member: EtcdMember = {
    ...spec,
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    async start() {
      if (member.running) return;
      const args = [
        `--name=${spec.name}`,
        `--data-dir=${spec.dataDir}`,
        `--listen-client-urls=${spec.clientUrl}`,
        `--advertise-client-urls=${spec.clientUrl}`,
        `--listen-peer-urls=${spec.peerUrl}`,
        `--initial-advertise-peer-urls=${spec.peerUrl}`,
        `--initial-cluster=${initialCluster}`,
        "--initial-cluster-state=new",
        "--initial-cluster-token=rotor-test",
        "--logger=zap",
        "--log-level=warn",
      ];
      const started = spawn(ETCD_BINARY, args, {
        env: { ...process.env, ETCD_HEARTBEAT_INTERVAL: "10", ETCD_ELECTION_TIMEOUT: "100" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child = started;
      const collect = (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-4000);
      };
      started.stdout?.on("data", collect);
      started.stderr?.on("data", collect);
      const exited = new Promise<never>((_, reject) => {
        started.once("error", reject);
        started.once("exit", (code, signal) =>
          reject(new Error(`etcd ${spec.name} exited (${signal ?? code}) before it was healthy:\n${member.logTail()}`)),
        );
      });
      exited.catch(() => undefined);
      await Promise.race([waitHealthy(spec.clientUrl), exited]);
    },
    async stop(signal = "SIGTERM") {
      const running = child;
      if (!running || !member.running) return;
      const exited = new Promise<void>((resolve) => running.once("exit", () => resolve()));
      running.kill(signal);
      await exited;
    },
    logTail: () => output.split("\n").slice(-15).join("\n"),
  };
  return member;
}

async function waitHealthy(clientUrl: string): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let lastError = "no answer";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${clientUrl}/health`, { signal: AbortSignal.timeout(1000) });
      const body = (await response.json()) as { health?: string };
      if (body.health === "true") return;
      lastError = JSON.stringify(body);
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`etcd at ${clientUrl} not healthy after ${HEALTH_TIMEOUT_MS} ms: ${lastError}`);
}
