import { describe, expect, it } from "vitest";
import { waitForNewerRevision } from "./wait-for-revision";

/** A stand-in for the LiveSnapshot's revision and change feed. */
function fakeSnapshot(revision: string) {
  const listeners = new Set<() => void>();
  const snapshot = {
    status: () => ({ revision }),
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    snapshot: snapshot as unknown as Parameters<typeof waitForNewerRevision>[0],
    change(next: string) {
      revision = next;
      for (const listener of listeners) listener();
    },
    listeners,
  };
}

const settled = (promise: Promise<void>) => Promise.race([promise.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 20))]);

describe("waitForNewerRevision", () => {
  it("answers at once when the edge is behind, or when it sent no revision the store has reached", async () => {
    const { snapshot, listeners } = fakeSnapshot("12");
    await expect(settled(waitForNewerRevision(snapshot, "11", { timeoutMs: 10_000 }))).resolves.toBe(true);
    expect(listeners.size).toBe(0);
  });

  it("waits while the edge is current, and answers on the first newer revision", async () => {
    const fake = fakeSnapshot("12");
    const waiting = waitForNewerRevision(fake.snapshot, "12", { timeoutMs: 10_000 });
    expect(await settled(waiting)).toBe(false);
    fake.change("12");
    expect(await settled(waiting)).toBe(false);
    fake.change("13");
    expect(await settled(waiting)).toBe(true);
    expect(fake.listeners.size).toBe(0);
  });

  it("holds an edge that is ahead (another instance loaded later) instead of answering every time", async () => {
    const fake = fakeSnapshot("12");
    expect(await settled(waitForNewerRevision(fake.snapshot, "15", { timeoutMs: 10_000 }))).toBe(false);
  });

  it("answers after the timeout with nothing new, and when the edge hangs up", async () => {
    const fake = fakeSnapshot("12");
    const started = Date.now();
    await waitForNewerRevision(fake.snapshot, "12", { timeoutMs: 50 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    const controller = new AbortController();
    const waiting = waitForNewerRevision(fake.snapshot, "12", { timeoutMs: 10_000, signal: controller.signal });
    controller.abort();
    expect(await settled(waiting)).toBe(true);
    expect(fake.listeners.size).toBe(0);
  });
});
