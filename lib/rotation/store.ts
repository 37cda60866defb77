import { AppError } from "@/lib/errors";
import type { HostRotationState } from "./state";

/** A host's state with the store revision of its last write (etcd's mod revision). */
export interface VersionedState {
  state: HostRotationState;
  version: string;
}

export type StoreEvent =
  | { type: "put"; state: HostRotationState; version: string }
  | { type: "delete"; hostId: number; version: string }
  /** Everything reloaded, e.g. after the watch's start revision was compacted away. */
  | { type: "reset"; states: VersionedState[]; revision: string };

export interface WatchCallbacks {
  onEvent: (event: StoreEvent) => void;
  /** The watch lost or regained its connection; while lost, events are caught up on return. */
  onConnectionChange?: (connected: boolean, error?: Error) => void;
}

export interface WatchHandle {
  close: () => Promise<void>;
}

/** Proof of leadership that a store checks inside the same transaction as a write. */
export interface LeaderGuard {
  key: string;
  value: string;
}

export interface Leadership {
  /** True only while this instance holds a lease it knows to be alive. */
  isLeader: () => boolean;
  /** Passed to compareAndSwap so a write by a deposed leader is refused by the store itself. */
  guard: () => LeaderGuard | undefined;
  /** Called whenever leadership is gained or lost. */
  onChange: (listener: (leader: boolean) => void) => () => void;
  /** Resigns (if leader) and stops campaigning. */
  stop: () => Promise<void>;
}

export type CompareAndSwapResult =
  | { ok: true; version: string }
  | { ok: false; reason: "conflict" | "not-leader"; current: VersionedState | null };

export interface StoreHealth {
  ok: boolean;
  detail: string;
}

/** Where live rotation state lives: etcd for many instances, SQLite for one (DESIGN.md). */
export interface RotationStore {
  readonly kind: "etcd" | "embedded";
  get: (hostId: number) => Promise<VersionedState | null>;
  /** Every host's state and the store revision they were read at. */
  list: () => Promise<{ states: VersionedState[]; revision: string }>;
  /**
   * Writes `state` only if the host's version is still `expectedVersion` (null: no state yet)
   * and, with a guard, only while the guard's leader key still holds its value.
   */
  compareAndSwap: (
    hostId: number,
    expectedVersion: string | null,
    state: HostRotationState,
    guard?: LeaderGuard,
  ) => Promise<CompareAndSwapResult>;
  delete: (hostId: number) => Promise<void>;
  /** Events after `fromRevision` (exclusive), in order. */
  watch: (fromRevision: string, callbacks: WatchCallbacks) => WatchHandle;
  health: () => Promise<StoreHealth>;
  /** Campaigns for leadership of `name` (e.g. "rotator") as `candidateId`. */
  campaign: (name: string, candidateId: string) => Leadership;
  close: () => Promise<void>;
}

/** The store cannot be reached; the API maps it to 503 and the scheduler waits. */
export class StoreUnavailableError extends AppError {
  constructor(cause: unknown) {
    super("store_unavailable", "the rotation store is unavailable; subscriptions are still served from the last snapshot");
    this.cause = cause;
  }
}

/** Compares store versions, which are decimal int64 strings. */
export function compareVersions(a: string, b: string): number {
  const left = BigInt(a);
  const right = BigInt(b);
  return left < right ? -1 : left > right ? 1 : 0;
}
