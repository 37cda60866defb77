import { randomBytes } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rotationHistory } from "@/lib/db/schema";
import { createHost } from "@/lib/hosts/create-host";
import { checkReadiness } from "@/lib/health/readiness";
import { createEtcdClient } from "@/lib/rotation/etcd-client";
import { campaignForLeadership } from "@/lib/rotation/etcd-leadership";
import { EtcdRotationStore } from "@/lib/rotation/etcd-store";
import { startRotationEngine, type RotationEngine } from "@/lib/rotation/engine";
import { initializeHostState, loadRotationHost, rotateHost } from "@/lib/rotation/rotator";
import { advanceState, type HostRotationState } from "@/lib/rotation/state";
import type { StoreEvent } from "@/lib/rotation/store";
import { startEtcdCluster, type EtcdCluster } from "@/test/support/etcd-cluster";
import { isStateOf, RotationInstance } from "@/test/support/rotation-instance-process";
import { createTempDb, type TempDb } from "@/test/support/temp-db";

describe("rotation on a real etcd", () => {
  let cluster: EtcdCluster;
  let temp: TempDb;
  let prefix: string;
  const cleanups: Array<() => Promise<void> | void> = [];

  const openStore = () => {
    const store = new EtcdRotationStore(createEtcdClient(cluster.endpoints), prefix);
    cleanups.push(() => store.close());
    return store;
  };
  const addHost = () =>
    createHost(temp.db, { name: `h-${randomBytes(3).toString("hex")}`, address: "edge.example.com", port: 443, transport: "ws", security: "tls", announceSeconds: 0 }, { actor: "test" }).id;
  const historyOf = (hostId: number) =>
    temp.db.select().from(rotationHistory).where(eq(rotationHistory.hostId, hostId)).orderBy(asc(rotationHistory.epoch)).all();
  /** Puts the host's next scheduled rotation in the past, as time passing would. */
  const makeDue = async (store: EtcdRotationStore, hostId: number) => {
    for (;;) {
      const current = (await store.get(hostId))!;
      const due = { ...current.state, nextRotationAt: new Date(Date.now() - 1000).toISOString() };
      if ((await store.compareAndSwap(hostId, current.version, due)).ok) return;
    }
  };
  const untilChange = (engine: RotationEngine, matches: (state: HostRotationState) => boolean) =>
    new Promise<HostRotationState>((resolve) => {
      const existing = engine.snapshot.all().find(matches);
      if (existing) return resolve(existing);
      const unsubscribe = engine.snapshot.subscribe((change) => {
        if (!("deleted" in change) && matches(change)) {
          unsubscribe();
          resolve(change);
        }
      });
    });

  beforeEach(async () => {
    temp = createTempDb();
    prefix = `/rotor-it-${randomBytes(4).toString("hex")}/`;
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await cluster?.stop();
    temp.close();
  });

  it("elects exactly one of two instances, shares rotations between them, and fails over when the leader dies", async () => {
    cluster = await startEtcdCluster();
    const store = openStore();
    const hostId = addHost();
    await initializeHostState({ db: temp.db, store }, hostId, "test");
    const env = { DATABASE_PATH: temp.file, ETCD_ENDPOINTS: cluster.endpoints.join(","), ETCD_PREFIX: prefix };
    const instances = [new RotationInstance("a", env), new RotationInstance("b", env)];
    cleanups.push(() => Promise.all(instances.map((instance) => instance.kill())).then(() => undefined));
    await Promise.all(instances.map((instance) => instance.waitFor((message) => message.type === "ready")));

    await Promise.race(instances.map((instance) => instance.waitFor((message) => message.type === "leader" && message.leader)));
    for (let sample = 0; sample < 10; sample += 1) {
      const leaders = await Promise.all(instances.map(async (instance) => (await instance.request({ type: "status" })).leader));
      expect(leaders.filter(Boolean)).toHaveLength(1);
    }
    const leaderIndex = (await instances[0]!.request({ type: "status" })).leader ? 0 : 1;
    const leader = instances[leaderIndex]!;
    const follower = instances[1 - leaderIndex]!;

    // A rotation committed by one instance reaches the other's snapshot.
    expect(await follower.request({ type: "rotate", hostId })).toMatchObject({ ok: true, state: { epoch: 2 } });
    await leader.waitFor(isStateOf(hostId, (state) => state.epoch === 2));

    // Only the leader rotates on schedule.
    await makeDue(store, hostId);
    const scheduled = await leader.waitFor(isStateOf(hostId, (state) => state.epoch === 3));
    expect(scheduled.change).toMatchObject({ lastRotation: { reason: "scheduled", actor: "scheduler" } });

    // The leader dies without resigning; the survivor takes over within the lease TTL.
    await leader.kill("SIGKILL");
    const killedAt = Date.now();
    await makeDue(store, hostId);
    await follower.waitFor((message) => message.type === "leader" && message.leader, 10_000);
    await follower.waitFor(isStateOf(hostId, (state) => state.epoch === 4 && state.lastRotation.reason === "scheduled"), 10_000);
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    // The history row is written after the commit in etcd, which the snapshot may show first.
    await expect.poll(() => historyOf(hostId).map((row) => [row.epoch, row.reason])).toEqual([[1, "initial"], [2, "manual"], [3, "scheduled"], [4, "scheduled"]]);
  });

  it("refuses a deposed leader's write in etcd itself, and the deposed leader knows at once", async () => {
    cluster = await startEtcdCluster();
    const store = openStore();
    const hostId = addHost();
    await initializeHostState({ db: temp.db, store }, hostId, "test");
    const client = createEtcdClient(cluster.endpoints);
    cleanups.push(() => client.close());
    const leadership = campaignForLeadership(client.namespace(prefix), "election/rotator", "old-leader", { pollMs: 50 });
    cleanups.push(() => leadership.stop());
    while (!leadership.isLeader()) await new Promise<void>((resolve) => leadership.onChange(() => resolve()));

    // Someone else holds the key now, as after our lease expired during a partition.
    await client.namespace(prefix).delete().key("election/rotator");
    await client.namespace(prefix).put("election/rotator").value("new-leader");
    const refused = await rotateHost({ db: temp.db, store }, { hostId, reason: "scheduled", actor: "scheduler", leaderGuard: leadership.guard() }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ message: "this instance is no longer the rotation leader" });
    expect((await store.get(hostId))?.state.epoch).toBe(1);
    if (leadership.isLeader()) await new Promise<void>((resolve) => leadership.onChange((leader) => !leader && resolve()));
    expect(leadership.isLeader()).toBe(false);
  });

  it("serves the last snapshot while etcd is down, fails rotations as unavailable, and catches up after", async () => {
    cluster = await startEtcdCluster();
    const store = openStore();
    const hostId = addHost();
    await initializeHostState({ db: temp.db, store }, hostId, "test");
    const engine = await startRotationEngine({ db: temp.db, store: openStore() });
    cleanups.push(() => engine.stop());
    const before = engine.snapshot.get(hostId);
    expect(before?.epoch).toBe(1);

    await cluster.members[0]!.stop();
    expect(engine.snapshot.get(hostId)).toEqual(before);
    const started = Date.now();
    await expect(rotateHost(engine.deps, { hostId, reason: "manual", actor: "admin" })).rejects.toMatchObject({ code: "store_unavailable", status: 503 });
    expect(Date.now() - started).toBeLessThan(5_000);
    const readiness = await checkReadiness({
      db: () => temp.db,
      rotation: async () => ({ kind: "etcd", health: () => engine.store.health(), snapshot: () => engine.snapshot.status() }),
    });
    expect(readiness.status).toBe("degraded");

    await cluster.members[0]!.start();
    // Rotated by another client: the engine learns it from its resumed watch, history included.
    await rotateHost({ db: temp.db, store }, { hostId, reason: "manual", actor: "other-instance" });
    await untilChange(engine, (state) => state.epoch === 2);
    const own = await rotateHost(engine.deps, { hostId, reason: "manual", actor: "admin" });
    expect(own.state.epoch).toBe(3);
    expect(historyOf(hostId).map((row) => row.epoch)).toEqual([1, 2, 3]);
  });

  it("reloads everything when the watch's start revision has been compacted away", async () => {
    cluster = await startEtcdCluster();
    const store = openStore();
    const hostId = addHost();
    const { revision } = await store.list();
    await initializeHostState({ db: temp.db, store }, hostId, "test");
    await rotateHost({ db: temp.db, store }, { hostId, reason: "manual", actor: "admin" });
    const client = createEtcdClient(cluster.endpoints);
    cleanups.push(() => client.close());
    await client.kv.compact({ revision: (await store.list()).revision, physical: true });

    const reset = await new Promise<StoreEvent>((resolve) => {
      const handle = store.watch(revision, { onEvent: (event) => resolve(event) });
      cleanups.push(() => handle.close());
    });
    expect(reset).toMatchObject({ type: "reset", states: [{ state: { hostId, epoch: 2 } }] });
  });

  it("restores the history row of a rotation whose process died between the etcd commit and the insert", async () => {
    cluster = await startEtcdCluster();
    const store = openStore();
    const hostId = addHost();
    const initial = await initializeHostState({ db: temp.db, store }, hostId, "test");
    // Exactly what a process leaves behind when it dies right after its compare-and-swap.
    const lost = advanceState(initial.state, loadRotationHost(temp.db, hostId), "/lost-next", new Date(), { reason: "manual", actor: "crashed" });
    expect((await store.compareAndSwap(hostId, initial.version, lost)).ok).toBe(true);
    expect(historyOf(hostId).map((row) => row.epoch)).toEqual([1]);

    const engine = await startRotationEngine({ db: temp.db, store: openStore() });
    cleanups.push(() => engine.stop());
    expect(historyOf(hostId)).toMatchObject([
      { epoch: 1 },
      { epoch: 2, fromPath: initial.state.path, toPath: initial.state.next, reason: "manual", actor: "crashed" },
    ]);
  });

  it.each(["follower", "leader"] as const)("keeps every operation succeeding on a 3-member cluster when the %s member dies", async (role) => {
    cluster = await startEtcdCluster({ size: 3 });
    const store = openStore();
    const hostId = addHost();
    await initializeHostState({ db: temp.db, store }, hostId, "test");
    const engine = await startRotationEngine({ db: temp.db, store: openStore() });
    cleanups.push(() => engine.stop());

    const victim = await memberWithRole(cluster, role);
    const failures: unknown[] = [];
    for (let index = 0; index < 30; index += 1) {
      if (index === 10) await victim.stop("SIGKILL");
      try {
        await rotateHost({ db: temp.db, store }, { hostId, reason: "manual", actor: "load" });
        await store.list();
      } catch (error) {
        failures.push(error);
      }
    }
    expect(failures).toEqual([]);
    expect((await store.get(hostId))?.state.epoch).toBe(31);
    await untilChange(engine, (state) => state.epoch === 31);
    expect(historyOf(hostId).map((row) => row.epoch)).toEqual(Array.from({ length: 31 }, (_, index) => index + 1));
  });
});

/** The member that is (or is not) the Raft leader, asked through etcd's JSON gateway. */
async function memberWithRole(cluster: EtcdCluster, role: "leader" | "follower") {
  for (const member of cluster.members) {
    const response = await fetch(`${member.clientUrl}/v3/maintenance/status`, { method: "POST", body: "{}" });
    const status = (await response.json()) as { header: { member_id: string }; leader: string };
    if ((status.header.member_id === status.leader) === (role === "leader")) return member;
  }
  throw new Error(`no ${role} member found`);
}
