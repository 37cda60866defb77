import { describe, expect, it } from "vitest";
import { eachLimited } from "./each-limited";

describe("eachLimited", () => {
  it("runs every item with at most `limit` in flight", async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await eachLimited([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      done.push(item);
      running -= 1;
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(peak).toBe(3);
  });

  it("rejects with the first failure and starts nothing after it", async () => {
    const started: number[] = [];
    const run = eachLimited([1, 2, 3, 4, 5], 2, async (item) => {
      started.push(item);
      if (item === 2) throw new Error("two failed");
    });
    await expect(run).rejects.toThrow("two failed");
    expect(started).toEqual([1, 2, 3]);
  });

  it("does nothing for no items", async () => {
    await expect(eachLimited([], 4, async () => {})).resolves.toBeUndefined();
  });
});
