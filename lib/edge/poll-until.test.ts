import { describe, expect, it } from "vitest";
import { pollUntil } from "./poll-until";

describe("pollUntil", () => {
  it("resolves at once when already ready, without waiting a tick", async () => {
    const started = Date.now();
    await pollUntil(() => true, { timeoutMs: 5000, intervalMs: 1000 });
    expect(Date.now() - started).toBeLessThan(50);
  });

  it("resolves on the first check that finds the change", async () => {
    let checks = 0;
    await pollUntil(() => ++checks === 3, { timeoutMs: 5000, intervalMs: 5 });
    expect(checks).toBe(3);
  });

  it("gives up at the timeout, and at once when the caller hangs up", async () => {
    let started = Date.now();
    await pollUntil(() => false, { timeoutMs: 60, intervalMs: 10 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);

    const hangUp = new AbortController();
    started = Date.now();
    setTimeout(() => hangUp.abort(), 20);
    await pollUntil(() => false, { timeoutMs: 5000, intervalMs: 10, signal: hangUp.signal });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
