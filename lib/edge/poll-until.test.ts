import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { pollUntil } from "./poll-until";

/** Whether `promise` has settled, without letting any timer run (the clock is fake). */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await Promise.resolve();
  await Promise.resolve();
  return done;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("pollUntil", () => {
  it("resolves at once when already ready, without waiting for a tick of its interval", async () => {
    expect(await settled(pollUntil(() => true, { timeoutMs: 5000, intervalMs: 1000 }))).toBe(true);
  });

  it("resolves on the first check that finds the change", async () => {
    let checks = 0;
    const polling = pollUntil(() => ++checks === 3, { timeoutMs: 5000, intervalMs: 5 });
    await vi.advanceTimersByTimeAsync(5);
    expect(await settled(polling)).toBe(false);
    await vi.advanceTimersByTimeAsync(5);
    expect(await settled(polling)).toBe(true);
    expect(checks).toBe(3);
  });

  it("gives up at the timeout, and at once when the caller hangs up", async () => {
    const timingOut = pollUntil(() => false, { timeoutMs: 60, intervalMs: 10 });
    await vi.advanceTimersByTimeAsync(59);
    expect(await settled(timingOut)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(timingOut)).toBe(true);

    const hangUp = new AbortController();
    const hungUp = pollUntil(() => false, { timeoutMs: 5000, intervalMs: 10, signal: hangUp.signal });
    expect(await settled(hungUp)).toBe(false);
    hangUp.abort();
    expect(await settled(hungUp)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});
