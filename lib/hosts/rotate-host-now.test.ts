import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EmbeddedRotationStore } from "@/lib/rotation/embedded-store";
import { initializeHostState, type RotationDeps } from "@/lib/rotation/rotator";
import { LiveSnapshot } from "@/lib/rotation/snapshot";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { createHost } from "./create-host";
import { rotateHostNow } from "./rotate-host-now";

describe("rotateHostNow", () => {
  let temp: TempDb;
  let store: EmbeddedRotationStore;
  let snapshot: LiveSnapshot;
  let clock: Date;
  let deps: RotationDeps;

  beforeEach(async () => {
    temp = createTempDb();
    store = new EmbeddedRotationStore(temp.db, { pollMs: 20 });
    snapshot = new LiveSnapshot(store);
    await snapshot.start();
    clock = new Date("2026-03-01T12:00:00Z");
    deps = { db: temp.db, store, now: () => clock };
  });
  afterEach(async () => {
    await snapshot.stop();
    await store.close();
    temp.close();
  });

  it("rotates and returns once this instance's snapshot shows the new epoch", async () => {
    const host = createHost(temp.db, { name: "de-1", address: "edge.example.com", port: 443, transport: "ws", security: "tls", announceSeconds: 0 }, { actor: "test" });
    const { state: first } = await initializeHostState(deps, host.id, "test");
    const state = await rotateHostNow({ deps, snapshot }, host.id, { actor: "admin:ann" });
    expect(state).toMatchObject({ epoch: 2, path: first.next, lastRotation: { fromPath: first.path, reason: "manual", actor: "admin:ann" } });
    expect(snapshot.get(host.id)?.epoch).toBe(2);
  });

  it("explains a refusal inside the announce window: announced N s ago, try again in M s", async () => {
    const host = createHost(temp.db, { name: "de-2", address: "edge.example.com", port: 443, transport: "ws", security: "tls", announceSeconds: 10 }, { actor: "test" });
    await initializeHostState(deps, host.id, "test");
    await expect.poll(() => snapshot.get(host.id)).toBeDefined();
    clock = new Date(clock.getTime() + 3_000);
    await expect(rotateHostNow({ deps, snapshot }, host.id, { actor: "admin:ann" })).rejects.toMatchObject({
      code: "too_soon",
      message: "Too soon: the next path was announced 3 s ago; try again in 7 s.",
      details: { retryAfterSeconds: 7 },
    });
  });
});
