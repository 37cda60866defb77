/**
 * npm run bench:rotation — how fast a rotation committed on one instance reaches another's
 * snapshot, through a real etcd on loopback. Instance A (this process) rotates; instance B (a
 * child process running the same engine as the server) timestamps each snapshot change.
 */
import { randomBytes } from "node:crypto";
import { createHost } from "@/lib/hosts/create-host";
import { createEtcdClient } from "@/lib/rotation/etcd-client";
import { EtcdRotationStore } from "@/lib/rotation/etcd-store";
import { initializeHostState, rotateHost } from "@/lib/rotation/rotator";
import type { RotationStore } from "@/lib/rotation/store";
import { startEtcdCluster } from "@/test/support/etcd-cluster";
import { isStateOf, RotationInstance } from "@/test/support/rotation-instance-process";
import { createTempDb } from "@/test/support/temp-db";
import { percentile } from "./report";

const wallClock = () => performance.timeOrigin + performance.now();


/**
 * Records when the winning write of each (host, epoch) was sent to etcd and when its reply was
 * handled. B's snapshot time minus the send time is an upper bound on commit-to-snapshot time
 * (it includes etcd's commit); minus the reply time, a lower bound (the reply may wait behind
 * A's other work while B already has the change).
 */
function timedStore(store: RotationStore, commits: Map<string, { sentAt: number; ackedAt: number }>): RotationStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== "compareAndSwap") return Reflect.get(target, property, receiver);
      return async (...args: Parameters<RotationStore["compareAndSwap"]>) => {
        const sentAt = wallClock();
        const result = await target.compareAndSwap(...args);
        if (result.ok) commits.set(`${args[2].hostId}:${args[2].epoch}`, { sentAt, ackedAt: wallClock() });
        return result;
      };
    },
  });
}

async function main() {
  const cluster = await startEtcdCluster();
  const temp = createTempDb();
  const prefix = `/rotor-bench-${randomBytes(3).toString("hex")}/`;
  const store = new EtcdRotationStore(createEtcdClient(cluster.endpoints), prefix);
  const commits = new Map<string, { sentAt: number; ackedAt: number }>();
  const timed = timedStore(store, commits);
  const deps = { db: temp.db, store: timed };
  const hostIds: number[] = [];
  for (let index = 0; index < 100; index += 1) {
    const { id } = createHost(
      temp.db,
      { name: `bench-${index}`, address: "edge.example.com", port: 443, transport: "ws", security: "tls", announceSeconds: 0, rotationIntervalSeconds: 0 },
      { actor: "bench" },
    );
    await initializeHostState(deps, id, "bench");
    hostIds.push(id);
  }
  const instanceB = new RotationInstance("b", { DATABASE_PATH: temp.file, ETCD_ENDPOINTS: cluster.endpoints.join(","), ETCD_PREFIX: prefix });
  await instanceB.waitFor((message) => message.type === "ready");

  const run = async (label: string, rotations: Array<() => Promise<{ hostId: number; epoch: number }>>, concurrency: number) => {
    const done: Array<{ hostId: number; epoch: number }> = [];
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < rotations.length) done.push(await rotations[next++]!());
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const upper: number[] = [];
    const lower: number[] = [];
    for (const { hostId, epoch } of done) {
      const seen = await instanceB.waitFor(isStateOf(hostId, (state) => state.epoch === epoch), 10_000);
      const commit = commits.get(`${hostId}:${epoch}`)!;
      upper.push(seen.at - commit.sentAt);
      lower.push(seen.at - commit.ackedAt);
    }
    upper.sort((a, b) => a - b);
    lower.sort((a, b) => a - b);
    const ms = (value: number) => value.toFixed(1).padStart(6);
    console.log(
      `| ${label.padEnd(36)} | ${String(done.length).padStart(4)} | ${(done.length / seconds).toFixed(0).padStart(5)} | ${ms(percentile(upper, 50))} | ${ms(percentile(upper, 99))} | ${ms(upper.at(-1)!)} | ${ms(percentile(lower, 99))} |`,
    );
    return percentile(upper, 99);
  };

  const rotate = (hostId: number) => async () => (await rotateHost(deps, { hostId, reason: "manual", actor: "bench" })).state;
  console.log("etcd (1 member) on loopback; A = this process, rotating through rotateHost (CAS + history row);");
  console.log("B = a second process running the server's rotation engine, timestamping its snapshot changes.");
  console.log("Propagation in ms from A sending the winning write to B's snapshot (upper bound), and p99 from A's reply (lower bound).\n");
  console.log("| scenario                             | rot. |   /s  |   p50  |   p99  |   max  | p99 lo |");
  console.log("|--------------------------------------|------|-------|--------|--------|--------|--------|");
  const p99Single = await run("1 host, one rotation at a time", Array.from({ length: 200 }, () => rotate(hostIds[0]!)), 1);
  const p99Paced = await run("100 hosts, one rotation at a time", hostIds.flatMap((id) => [rotate(id), rotate(id)]), 1);
  await run("100 hosts, 100 in flight (saturated)", hostIds.flatMap((id) => [rotate(id), rotate(id)]), 100);
  console.log(`\ntarget p99 < 50 ms (unsaturated): ${p99Single < 50 && p99Paced < 50 ? "met" : "MISSED"}`);

  await instanceB.kill("SIGTERM");
  await store.close();
  await cluster.stop();
  temp.close();
}

await main();
