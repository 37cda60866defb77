import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createInitialState, type HostRotationState } from "./state";
import type { RotationStore, StoreEvent } from "./store";

/** A store under test and how to dispose of it. */
export interface StoreFixture {
  store: RotationStore;
  dispose: () => Promise<void>;
}

const host = { id: 1, transport: "ws" as const, pathPrefix: "/", rotationIntervalSeconds: 3600, graceSeconds: 60, announceSeconds: 0 };

function stateFor(hostId: number, epoch = 1): HostRotationState {
  const base = createInitialState({ ...host, id: hostId }, { path: `/p${hostId}-${epoch}`, next: `/n${hostId}-${epoch}` }, new Date("2026-01-01T00:00:00Z"), "test");
  return { ...base, epoch };
}

/** Waits for `count` events, or fails after `ms`. */
function collectEvents(store: RotationStore, fromRevision: string, count: number, ms = 5000) {
  const events: StoreEvent[] = [];
  let handle: { close: () => Promise<void> } | undefined;
  const done = new Promise<StoreEvent[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`saw ${events.length} of ${count} events: ${JSON.stringify(events)}`)), ms);
    handle = store.watch(fromRevision, {
      onEvent: (event) => {
        events.push(event);
        if (events.length === count) {
          clearTimeout(timer);
          resolve(events);
        }
      },
    });
  });
  return { done: done.finally(() => handle?.close()) };
}

/** The behaviour every RotationStore keeps (DESIGN.md: one contract suite, both stores). */
export function describeRotationStoreContract(name: string, createFixture: () => Promise<StoreFixture>): void {
  describe(`RotationStore contract: ${name}`, () => {
    let fixture: StoreFixture;
    let store: RotationStore;

    beforeEach(async () => {
      fixture = await createFixture();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.dispose();
    });

    it("starts empty", async () => {
      expect(await store.get(1)).toBeNull();
      expect((await store.list()).states).toEqual([]);
    });

    it("creates a state only where none exists, and reads it back with its version", async () => {
      const created = await store.compareAndSwap(1, null, stateFor(1));
      expect(created.ok).toBe(true);
      const read = await store.get(1);
      expect(read?.state).toEqual(stateFor(1));
      expect(read?.version).toBe(created.ok && created.version);
      const again = await store.compareAndSwap(1, null, stateFor(1, 2));
      expect(again).toEqual({ ok: false, reason: "conflict", current: read });
    });

    it("writes only over the expected version, and versions grow", async () => {
      const first = await store.compareAndSwap(1, null, stateFor(1));
      if (!first.ok) throw new Error("create failed");
      const second = await store.compareAndSwap(1, first.version, stateFor(1, 2));
      if (!second.ok) throw new Error("update failed");
      expect(BigInt(second.version)).toBeGreaterThan(BigInt(first.version));
      const stale = await store.compareAndSwap(1, first.version, stateFor(1, 3));
      expect(stale).toMatchObject({ ok: false, reason: "conflict", current: { version: second.version, state: { epoch: 2 } } });
      expect((await store.get(1))?.state.epoch).toBe(2);
    });

    it("lets exactly one of many concurrent writers over one version win", async () => {
      const first = await store.compareAndSwap(1, null, stateFor(1));
      if (!first.ok) throw new Error("create failed");
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, index) => store.compareAndSwap(1, first.version, stateFor(1, 2 + index))),
      );
      expect(results.filter((result) => result.ok)).toHaveLength(1);
    });

    it("lists every host with the revision it was read at, and deletes", async () => {
      await store.compareAndSwap(1, null, stateFor(1));
      await store.compareAndSwap(2, null, stateFor(2));
      const listed = await store.list();
      expect(listed.states.map((entry) => entry.state.hostId).sort()).toEqual([1, 2]);
      expect(BigInt(listed.revision)).toBeGreaterThanOrEqual(BigInt(listed.states[1]!.version));
      await store.delete(1);
      expect(await store.get(1)).toBeNull();
      expect((await store.list()).states.map((entry) => entry.state.hostId)).toEqual([2]);
    });

    it("watches puts and deletes after a revision, in order", async () => {
      const { revision } = await store.list();
      const watching = collectEvents(store, revision, 3);
      const created = await store.compareAndSwap(7, null, stateFor(7));
      if (!created.ok) throw new Error("create failed");
      const updated = await store.compareAndSwap(7, created.version, stateFor(7, 2));
      if (!updated.ok) throw new Error("update failed");
      await store.delete(7);
      const events = await watching.done;
      expect(events.map((event) => event.type)).toEqual(["put", "put", "delete"]);
      expect(events[0]).toMatchObject({ type: "put", version: created.version, state: { hostId: 7, epoch: 1 } });
      expect(events[1]).toMatchObject({ type: "put", version: updated.version, state: { epoch: 2 } });
      expect(events[2]).toMatchObject({ type: "delete", hostId: 7 });
    });

    it("replays events written before the watch started, from its start revision", async () => {
      const { revision } = await store.list();
      await store.compareAndSwap(3, null, stateFor(3));
      await store.compareAndSwap(4, null, stateFor(4));
      const events = await collectEvents(store, revision, 2).done;
      expect(events.map((event) => event.type === "put" && event.state.hostId)).toEqual([3, 4]);
    });

    it("reports itself healthy and elects this instance leader", async () => {
      expect(await store.health()).toMatchObject({ ok: true });
      const leadership = store.campaign("contract", "candidate-1");
      const deadline = Date.now() + 5000;
      while (!leadership.isLeader() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(leadership.isLeader()).toBe(true);
      await leadership.stop();
      expect(leadership.isLeader()).toBe(false);
    });
  });
}
