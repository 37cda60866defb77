import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hosts } from "@/lib/db/schema";
import { createHost } from "@/lib/hosts/create-host";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { EmbeddedRotationStore } from "./embedded-store";
import { initializeHostState } from "./rotator";
import { startScheduler, type Scheduler } from "./scheduler";
import { LiveSnapshot } from "./snapshot";
import type { Leadership } from "./store";

describe("scheduler", () => {
  let temp: TempDb;
  let store: EmbeddedRotationStore;
  let snapshot: LiveSnapshot;
  let scheduler: Scheduler;
  let leading: boolean;
  let clock: Date;
  const leadership: Leadership = {
    isLeader: () => leading,
    guard: () => undefined,
    onChange: () => () => undefined,
    stop: async () => undefined,
  };

  const addHost = async (fields: Record<string, unknown>) => {
    const id = createHost(temp.db, { name: `h${Math.random()}`, address: "a.example.com", port: 443, transport: "ws", security: "tls", announceSeconds: 0, ...fields }, { actor: "test" }).id;
    await initializeHostState({ db: temp.db, store, now: () => clock }, id, "test");
    return id;
  };
  const epochOf = async (hostId: number) => (await store.get(hostId))?.state.epoch;

  beforeEach(async () => {
    temp = createTempDb();
    store = new EmbeddedRotationStore(temp.db, { pollMs: 10 });
    clock = new Date("2026-05-01T00:00:00Z");
    leading = true;
    snapshot = new LiveSnapshot(store);
    await snapshot.start();
    // A long tick: the test drives passes itself with tick().
    scheduler = startScheduler({ deps: { db: temp.db, store, now: () => clock }, leadership, snapshot, tickMs: 3_600_000 });
  });
  afterEach(async () => {
    scheduler.stop();
    await snapshot.stop();
    temp.close();
  });

  it("rotates an enabled host once its time has come, and then not again until the next slot", async () => {
    const hostId = await addHost({ rotationIntervalSeconds: 3600 });
    await scheduler.tick();
    expect(await epochOf(hostId)).toBe(1);

    clock = new Date("2026-05-01T01:00:00Z");
    await scheduler.tick();
    const rotated = await store.get(hostId);
    expect(rotated?.state).toMatchObject({ epoch: 2, nextRotationAt: "2026-05-01T02:00:00.000Z", lastRotation: { reason: "scheduled", actor: "scheduler" } });

    await scheduler.tick();
    expect(await epochOf(hostId)).toBe(2);
  });

  it("leaves manual-only and disabled hosts alone", async () => {
    const manual = await addHost({ rotationIntervalSeconds: 0 });
    const disabled = await addHost({ rotationIntervalSeconds: 3600 });
    temp.db.update(hosts).set({ enabled: false }).where(eq(hosts.id, disabled)).run();
    clock = new Date("2026-06-01T00:00:00Z");
    await scheduler.tick();
    expect([await epochOf(manual), await epochOf(disabled)]).toEqual([1, 1]);
  });

  it("does nothing on an instance that is not the leader", async () => {
    const hostId = await addHost({ rotationIntervalSeconds: 3600 });
    leading = false;
    clock = new Date("2026-05-02T00:00:00Z");
    await scheduler.tick();
    expect(await epochOf(hostId)).toBe(1);
  });
});

describe("embedded snapshot", () => {
  it("follows writes made through another connection, as by another process", async () => {
    const temp = createTempDb();
    const { openDatabase } = await import("@/lib/db/client");
    const otherProcessDb = openDatabase(temp.file);
    const serverStore = new EmbeddedRotationStore(temp.db, { pollMs: 10 });
    const cliStore = new EmbeddedRotationStore(otherProcessDb);
    const snapshot = new LiveSnapshot(serverStore);
    await snapshot.start();
    const hostId = createHost(temp.db, { name: "x", address: "a.example.com", port: 443, transport: "ws", security: "tls" }, { actor: "test" }).id;

    const seen = new Promise((resolve) => snapshot.subscribe(resolve));
    await initializeHostState({ db: otherProcessDb, store: cliStore }, hostId, "cli");
    await seen;
    expect(snapshot.get(hostId)?.epoch).toBe(1);
    expect(snapshot.status()).toMatchObject({ loaded: true, connected: true, hosts: 1 });

    await snapshot.stop();
    otherProcessDb.$client.close();
    temp.close();
  });
});
