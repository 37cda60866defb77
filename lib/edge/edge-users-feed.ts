import "server-only";
import { setTimeout as delay } from "node:timers/promises";
import type { Db } from "@/lib/db/client";
import { edgeUsersRevision, listEdgeUsers } from "./edge-users";

/** One rendered /api/edge/users answer, shared by every edge that asks for the same revision. */
export interface EdgeUsersAnswer {
  revision: string;
  builtAt: number;
  json: string;
}

export interface EdgeUsersFeedOptions {
  /** An answer is rebuilt after this even at the same revision: expiry by time changes no counter. */
  maxAgeMs?: number;
  /** Rebuilds are at least this far apart, so a burst of user changes costs one rebuild a second. */
  minRebuildIntervalMs?: number;
  now?: () => number;
}

/**
 * Builds the edge users list once per revision for every edge, instead of once per edge poll:
 * at 100,000 users a build is ~100 ms of query plus ~15 ms of JSON on the server's only thread.
 */
export function createEdgeUsersFeed(db: Db, options: EdgeUsersFeedOptions = {}) {
  const maxAgeMs = options.maxAgeMs ?? 10_000;
  const minRebuildIntervalMs = options.minRebuildIntervalMs ?? 1_000;
  const now = options.now ?? Date.now;
  let cached: EdgeUsersAnswer | undefined;
  let building: Promise<EdgeUsersAnswer> | undefined;

  const build = async (): Promise<EdgeUsersAnswer> => {
    const wait = cached ? cached.builtAt + minRebuildIntervalMs - now() : 0;
    if (wait > 0) await delay(wait);
    const list = listEdgeUsers(db, new Date(now()));
    cached = { revision: list.revision, builtAt: now(), json: JSON.stringify(list) };
    return cached;
  };

  return {
    revision: () => edgeUsersRevision(db),
    /** The current answer: the cached one while it holds the current revision and is fresh. */
    async answer(): Promise<EdgeUsersAnswer> {
      if (cached && cached.revision === edgeUsersRevision(db) && now() - cached.builtAt < maxAgeMs) return cached;
      building ??= build().finally(() => {
        building = undefined;
      });
      return building;
    },
  };
}

export type EdgeUsersFeed = ReturnType<typeof createEdgeUsersFeed>;

/**
 * The answer as a response. Compression is left to the server (`next start` gzips off the main
 * thread): 100,000 users are ~7 MB of JSON, ~2.5 MB gzipped.
 */
export function edgeUsersResponse(answer: EdgeUsersAnswer): Response {
  return new Response(answer.json, { headers: { "content-type": "application/json", "cache-control": "no-store" } });
}
