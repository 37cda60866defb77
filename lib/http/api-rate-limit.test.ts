import { afterEach, describe, expect, it, vi } from "vitest";
import { syncRefusalOf } from "@/test/support/refusal";
import { createApiRateLimit } from "./api-rate-limit";

const bot = { tokenId: 7, name: "bot", scopes: ["read" as const] };
const other = { tokenId: 8, name: "other", scopes: ["read" as const] };

afterEach(() => vi.restoreAllMocks());

describe("createApiRateLimit", () => {
  it("lets a token make perMinute requests a minute, then refuses with 429 and how long to wait", () => {
    const limit = createApiRateLimit(3);
    for (let second = 0; second < 3; second += 1) limit(bot, second * 1000);
    expect(syncRefusalOf(() => limit(bot, 20_000))).toEqual({
      code: "rate_limited",
      message: "the API token 'bot' made more than 3 requests this minute; retry in 40 s",
      retryAfterSeconds: 40,
    });
    // Tokens are counted apart, and a new minute starts afresh.
    expect(() => limit(other, 20_000)).not.toThrow();
    expect(() => limit(bot, 60_000)).not.toThrow();
  });

  it("logs a token's first refusal of a window only", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const limit = createApiRateLimit(1);
    limit(bot, 0);
    for (let attempt = 1; attempt <= 5; attempt += 1) expect(syncRefusalOf(() => limit(bot, attempt)).code).toBe("rate_limited");
    expect(warn.mock.calls).toEqual([["rotor warn API token over its rate limit token=bot perMinute=1 retryAfterSeconds=60"]]);
  });

  it("never refuses when the limit is 0 (off)", () => {
    const limit = createApiRateLimit(0);
    expect(() => {
      for (let index = 0; index < 10_000; index += 1) limit(bot, 0);
    }).not.toThrow();
  });
});
