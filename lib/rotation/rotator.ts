import "server-only";
import { setTimeout as delay } from "node:timers/promises";
import { eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { hosts } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { historyHasPath, recordRotation } from "./history";
import { generateUnusedPath } from "./paths";
import {
  advanceState,
  announceWaitMs,
  createInitialState,
  pathsInState,
  type HostRotationState,
  type RotationHost,
} from "./state";
import type { LeaderGuard, RotationStore, VersionedState } from "./store";

export interface RotationDeps {
  db: Db;
  store: RotationStore;
  now?: () => Date;
  /** Told of every error rotateHost throws (the server counts failures for /metrics and reports them to webhooks). */
  onRotateError?: (error: unknown, request?: RotateRequest) => void;
}

export interface RotateRequest {
  hostId: number;
  reason: "scheduled" | "manual";
  actor: string;
  /** Checked again after every re-read; false means someone else already did the work. */
  stillWanted?: (state: HostRotationState) => boolean;
  /** For the scheduler: the store refuses the write once this instance is no longer the leader. */
  leaderGuard?: LeaderGuard;
}

export type RotateOutcome =
  | { rotated: true; state: HostRotationState; version: string }
  | { rotated: false; state: HostRotationState; version: string };

/** Concurrent rotations of one host re-read and retry; past this many conflicts the caller is told. */
const MAX_ATTEMPTS = 200;

/** The leader was deposed between deciding to rotate and writing. */
export class NotLeaderError extends AppError {
  constructor() {
    super("conflict", "this instance is no longer the rotation leader");
  }
}

export function loadRotationHost(db: Db, hostId: number): RotationHost {
  const host = db
    .select({
      id: hosts.id,
      transport: hosts.transport,
      pathPrefix: hosts.pathPrefix,
      rotationIntervalSeconds: hosts.rotationIntervalSeconds,
      graceSeconds: hosts.graceSeconds,
      announceSeconds: hosts.announceSeconds,
    })
    .from(hosts)
    .where(eq(hosts.id, hostId))
    .get();
  if (!host) throw new AppError("not_found", `host ${hostId} does not exist`);
  return host;
}

function freshPath(db: Db, host: RotationHost, state?: HostRotationState): string {
  const known = state ? pathsInState(state) : new Set<string>();
  return generateUnusedPath(host, (path) => known.has(path) || historyHasPath(db, host.id, path));
}

/** Creates a host's epoch-1 state if it has none; returns whichever state is stored. */
export async function initializeHostState(deps: RotationDeps, hostId: number, actor: string): Promise<VersionedState> {
  const host = loadRotationHost(deps.db, hostId);
  const path = freshPath(deps.db, host);
  const next = generateUnusedPath(host, (candidate) => candidate === path || historyHasPath(deps.db, host.id, candidate));
  const state = createInitialState(host, { path, next }, (deps.now ?? (() => new Date()))(), actor);
  const result = await deps.store.compareAndSwap(hostId, null, state);
  if (!result.ok) {
    if (result.current) return result.current;
    throw new AppError("conflict", `host ${hostId}'s state changed while it was being created; try again`);
  }
  recordRotation(deps.db, state);
  return { state, version: result.version };
}

/**
 * Rotates a host (DESIGN.md, Live rotation state): promotes the announced `next` path, retires
 * the current one for the grace window and announces a fresh `next`, as one compare-and-swap.
 * Fails with `too_soon` while `next` is younger than the host's announceSeconds.
 */
export async function rotateHost(deps: RotationDeps, request: RotateRequest): Promise<RotateOutcome> {
  try {
    return await rotateWithRetries(deps, request);
  } catch (error) {
    deps.onRotateError?.(error, request);
    throw error;
  }
}

async function rotateWithRetries(deps: RotationDeps, request: RotateRequest): Promise<RotateOutcome> {
  const host = loadRotationHost(deps.db, request.hostId);
  const now = deps.now ?? (() => new Date());
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const current = (await deps.store.get(host.id)) ?? (await initializeHostState(deps, host.id, request.actor));
    if (request.stillWanted && !request.stillWanted(current.state)) return { rotated: false, ...current };
    const at = now();
    const wait = announceWaitMs(current.state, host, at);
    if (wait > 0) {
      const retryAfterSeconds = Math.ceil(wait / 1000);
      throw new AppError(
        "too_soon",
        `host ${host.id}'s next path must be announced to edges for ${host.announceSeconds}s before use; try again in ${retryAfterSeconds}s`,
        { retryAfterSeconds },
      );
    }
    const next = advanceState(current.state, host, freshPath(deps.db, host, current.state), at, request);
    const result = await deps.store.compareAndSwap(host.id, current.version, next, request.leaderGuard);
    // A write retried after a lost reply may have landed already: then the stored state is ours.
    const landed = result.ok ? result.version : sameState(result.current?.state, next) ? result.current?.version : undefined;
    if (landed !== undefined) {
      recordRotation(deps.db, next);
      if (request.reason === "manual") {
        recordAudit(deps.db, {
          actor: request.actor,
          action: "host.rotate",
          target: `host:${host.id}`,
          details: { epoch: next.epoch, fromPath: current.state.path, toPath: next.path },
        });
      }
      return { rotated: true, state: next, version: landed };
    }
    if (!result.ok && result.reason === "not-leader") throw new NotLeaderError();
    await delay(Math.random() * Math.min(20, attempt + 1));
  }
  throw new AppError("conflict", `host ${host.id} is being rotated by too many callers at once; try again`);
}

function sameState(a: HostRotationState | undefined, b: HostRotationState): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}
