import "server-only";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import { getMetrics } from "@/lib/metrics/get-metrics";
import { NO_FORMAT } from "@/lib/metrics/subscription-metrics";
import { getRotationEngine } from "@/lib/rotation/server-engine";
import { CatalogCache } from "./catalog";
import { FetchLog } from "./fetch-log";
import { createRateLimiter } from "@/lib/http/rate-limiter";
import { serveSubscription, type SubscriptionContext, type SubscriptionRequest, type SubscriptionResponse, type SubscriptionUserRow } from "./serve-subscription";

/** Bound once: the per-request cost is two map lookups, a counter and a histogram update. */
const metrics = getMetrics().subscription;

const holder = globalThis as unknown as { rotorSubscriptionContext?: Promise<SubscriptionContext & { fetchLog: FetchLog }> };

async function createContext() {
  const db = getDb();
  const engine = await getRotationEngine();
  // A raw statement for the one query per request: only the columns the response needs, no
  // ORM mapping of the rest (profiled at half of serveSubscription's time with select()).
  const findByHash = db.$client.prepare<[string], Omit<SubscriptionUserRow, "expiresAt"> & { expiresAt: number | null }>(
    `SELECT id, username, uuid, subscription_token AS subscriptionToken, subscription_token_hash AS subscriptionTokenHash,
       status, data_limit_bytes AS dataLimitBytes, upload_bytes AS uploadBytes, download_bytes AS downloadBytes,
       expires_at AS expiresAt, version
     FROM users WHERE subscription_token_hash = ?`,
  );
  const catalog = new CatalogCache(db);
  const fetchLog = new FetchLog(db);
  // Next ends on SIGTERM/SIGINT with process.exit(); `exit` listeners run synchronously, as
  // better-sqlite3 does, so the last second of fetches is written rather than lost.
  process.once("exit", () => fetchLog.stop());
  return {
    fetchLog,
    findUserByTokenHash: (hash: string): SubscriptionUserRow | undefined => {
      const row = findByHash.get(hash);
      return row && { ...row, expiresAt: row.expiresAt === null ? null : new Date(row.expiresAt) };
    },
    catalog: () => catalog.get(),
    hostState: (hostId: number) => engine.snapshot.get(hostId),
    // Unknown tokens: 30 a minute per client IP, then 429 (guessing tokens is slow and loud).
    unknownTokenLimiter: createRateLimiter({ limit: 30, windowMs: 60_000 }),
    // Valid tokens: generous (clients poll every few hours), only a brake on a runaway client.
    knownTokenLimiter: createRateLimiter({ limit: 120, windowMs: 60_000 }),
    recordFetch: (entry: Parameters<FetchLog["record"]>[0]) => fetchLog.record(entry),
  };
}

function getContext() {
  holder.rotorSubscriptionContext ??= createContext().catch((error: unknown) => {
    holder.rotorSubscriptionContext = undefined;
    throw error;
  });
  return holder.rotorSubscriptionContext;
}

/** Answers one /sub request from a route handler. */
export async function handleSubscriptionRequest(request: Request, token: string, format: string | null): Promise<Response> {
  const started = performance.now();
  let result: SubscriptionResponse;
  try {
    result = serveSubscription(await getContext(), subscriptionInput(request, token, format));
  } catch (error) {
    // Next answers 500 for it; counted here, where the request was seen.
    metrics.record(NO_FORMAT, 500, (performance.now() - started) / 1000);
    throw error;
  }
  const response = new Response(result.status === 304 || result.body === "" ? null : result.body, { status: result.status, headers: result.headers });
  metrics.record(result.format ?? NO_FORMAT, result.status, (performance.now() - started) / 1000);
  return response;
}

function subscriptionInput(request: Request, token: string, format: string | null): SubscriptionRequest {
  const url = new URL(request.url);
  return {
    token,
    format: format ?? url.searchParams.get("format"),
    host: url.searchParams.get("host"),
    userAgent: request.headers.get("user-agent"),
    accept: request.headers.get("accept"),
    ifNoneMatch: request.headers.get("if-none-match"),
    ip: clientIp(request.headers),
    baseUrl: getEnv().PUBLIC_URL ?? url.origin,
    now: new Date(),
  };
}
