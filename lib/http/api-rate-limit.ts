import type { ApiCaller } from "@/lib/auth/api-auth";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { createRateLimiter } from "./rate-limiter";

/** Counts one request of an authenticated API caller; throws 429 rate_limited when over the limit. */
export type ApiRateLimit = (caller: ApiCaller, now?: number) => void;

const WINDOW_MS = 60_000;

/**
 * At most `perMinute` requests a minute per API token (0 = no limit), counted in this process:
 * behind N instances a token may make N times as many. The first refusal of a window is logged,
 * so a runaway script shows in the log once a minute, not once a request.
 */
export function createApiRateLimit(perMinute: number): ApiRateLimit {
  if (perMinute === 0) return () => {};
  const limiter = createRateLimiter({ limit: perMinute, windowMs: WINDOW_MS });
  return (caller, now = Date.now()) => {
    const { allowed, retryAfterSeconds, count } = limiter.hit(String(caller.tokenId), now);
    if (allowed) return;
    if (count === perMinute + 1) log.warn("API token over its rate limit", { token: caller.name, perMinute, retryAfterSeconds });
    throw new AppError("rate_limited", `the API token '${caller.name}' made more than ${perMinute} requests this minute; retry in ${retryAfterSeconds} s`, { retryAfterSeconds });
  };
}
