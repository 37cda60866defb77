import { describe, expect, it } from "vitest";
import { RETRY_CAP_MS, retryDelayMs } from "./backoff";

describe("retryDelayMs", () => {
  it.each([
    [1, 5_000],
    [2, 10_000],
    [3, 20_000],
    [4, 40_000],
    [7, 320_000],
    [8, RETRY_CAP_MS],
    [50, RETRY_CAP_MS],
    [5000, RETRY_CAP_MS],
  ])("after %i failed attempts waits %i ms (no jitter)", (attempts, expected) => {
    expect(retryDelayMs(attempts, 5_000, 0.5)).toBe(expected);
  });

  it("jitters by ±20 % and never passes the cap", () => {
    expect(retryDelayMs(1, 5_000, 0)).toBe(4_000);
    expect(retryDelayMs(1, 5_000, 0.999999)).toBeCloseTo(6_000, -1);
    expect(retryDelayMs(20, 5_000, 0)).toBe(0.8 * RETRY_CAP_MS);
    expect(retryDelayMs(20, 5_000, 0.999999)).toBe(RETRY_CAP_MS);
  });

  it("follows the configured base (tests use a short one)", () => {
    expect([1, 2, 3].map((attempts) => retryDelayMs(attempts, 200, 0.5))).toEqual([200, 400, 800]);
  });
});
