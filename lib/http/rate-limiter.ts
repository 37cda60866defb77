/** A fixed-window counter per key (client IP, token), held in memory: cheap enough for every request. */
export interface RateLimiter {
  /**
   * Counts one request; `retryAfterSeconds` is set when the key is over its limit, and `count`
   * is the key's hits in this window (limit + 1 marks the first refusal, e.g. to log it once).
   */
  hit: (key: string, now?: number) => { allowed: boolean; retryAfterSeconds: number; count: number };
}

export function createRateLimiter(options: { limit: number; windowMs: number; maxKeys?: number }): RateLimiter {
  const windows = new Map<string, { startedAt: number; count: number }>();
  const maxKeys = options.maxKeys ?? 100_000;
  return {
    hit(key, now = Date.now()) {
      let window = windows.get(key);
      if (!window || now - window.startedAt >= options.windowMs) {
        // Bounded memory under a flood of distinct keys: drop expired windows, then the oldest.
        if (!window && windows.size >= maxKeys) {
          for (const [candidate, entry] of windows) if (now - entry.startedAt >= options.windowMs) windows.delete(candidate);
          if (windows.size >= maxKeys) windows.delete(windows.keys().next().value as string);
        }
        window = { startedAt: now, count: 0 };
        windows.set(key, window);
      }
      window.count += 1;
      const allowed = window.count <= options.limit;
      const retryAfterSeconds = allowed ? 0 : Math.max(1, Math.ceil((window.startedAt + options.windowMs - now) / 1000));
      return { allowed, retryAfterSeconds, count: window.count };
    },
  };
}
