import { z } from "zod";
import { ROTATION_REASONS, type hosts, type RotationReason } from "@/lib/db/schema";

/** The live rotation state of one host, as stored under `hosts/<hostId>/state` (DESIGN.md). */
export const hostRotationStateSchema = z.object({
  hostId: z.number().int().positive(),
  epoch: z.number().int().positive(),
  /** The path clients are given now. */
  path: z.string().min(1),
  /** The path the host moves to at the next rotation, announced to edges ahead of time. */
  next: z.string().min(1),
  rotatedAt: z.iso.datetime(),
  /** Null when the host rotates manually only. */
  nextRotationAt: z.iso.datetime().nullable(),
  retired: z.array(z.object({ path: z.string().min(1), retiredAt: z.iso.datetime(), acceptUntil: z.iso.datetime() })),
  /** How the current epoch came about, so a lost history row can be rebuilt from the state alone. */
  lastRotation: z.object({
    fromPath: z.string().nullable(),
    reason: z.enum(ROTATION_REASONS),
    actor: z.string(),
  }),
});

export type HostRotationState = z.infer<typeof hostRotationStateSchema>;

/** The host settings a rotation reads. */
export type RotationHost = Pick<
  typeof hosts.$inferSelect,
  "id" | "transport" | "pathPrefix" | "rotationIntervalSeconds" | "graceSeconds" | "announceSeconds"
>;

export interface AcceptedPath {
  path: string;
  /** ISO time after which edges drop it; null for the current and the announced next path. */
  acceptUntil: string | null;
}

const addSeconds = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1000);

function nextRotationAt(host: RotationHost, from: Date): string | null {
  return host.rotationIntervalSeconds > 0 ? addSeconds(from, host.rotationIntervalSeconds).toISOString() : null;
}

/** Epoch 1: a current path and an announced next one. */
export function createInitialState(
  host: RotationHost,
  paths: { path: string; next: string },
  now: Date,
  actor: string,
): HostRotationState {
  return {
    hostId: host.id,
    epoch: 1,
    path: paths.path,
    next: paths.next,
    rotatedAt: now.toISOString(),
    nextRotationAt: nextRotationAt(host, now),
    retired: [],
    lastRotation: { fromPath: null, reason: "initial", actor },
  };
}

/**
 * One rotation (DESIGN.md invariants): the epoch grows by one, the current path retires with
 * `acceptUntil = now + grace`, the announced next path becomes current, `freshNext` is announced,
 * and retired paths whose grace has passed are pruned.
 */
export function advanceState(
  state: HostRotationState,
  host: RotationHost,
  freshNext: string,
  now: Date,
  rotation: { reason: RotationReason; actor: string },
): HostRotationState {
  const stillAccepted = state.retired.filter((entry) => Date.parse(entry.acceptUntil) > now.getTime());
  return {
    hostId: state.hostId,
    epoch: state.epoch + 1,
    path: state.next,
    next: freshNext,
    rotatedAt: now.toISOString(),
    nextRotationAt: nextRotationAt(host, now),
    retired: [
      ...stillAccepted,
      { path: state.path, retiredAt: now.toISOString(), acceptUntil: addSeconds(now, host.graceSeconds).toISOString() },
    ],
    lastRotation: { fromPath: state.path, reason: rotation.reason, actor: rotation.actor },
  };
}

/** Milliseconds until `next` has been announced for `announceSeconds`; 0 when it may be promoted. */
export function announceWaitMs(state: HostRotationState, host: RotationHost, now: Date): number {
  const announcedAt = Date.parse(state.rotatedAt);
  return Math.max(0, announcedAt + host.announceSeconds * 1000 - now.getTime());
}

/** Paths an edge accepts now: current, next, and retired ones still in their grace window. */
export function acceptedPaths(state: HostRotationState, now: Date): AcceptedPath[] {
  return [
    { path: state.path, acceptUntil: null },
    { path: state.next, acceptUntil: null },
    ...state.retired
      .filter((entry) => Date.parse(entry.acceptUntil) > now.getTime())
      .map((entry) => ({ path: entry.path, acceptUntil: entry.acceptUntil })),
  ];
}

/** Every path the state still mentions; a fresh path must differ from all of them. */
export function pathsInState(state: HostRotationState): Set<string> {
  return new Set([state.path, state.next, ...state.retired.map((entry) => entry.path)]);
}

/** The contract's state shape (DESIGN.md, Shapes: state). */
export function presentState(state: HostRotationState, now: Date = new Date()) {
  return {
    hostId: state.hostId,
    epoch: state.epoch,
    path: state.path,
    next: state.next,
    rotatedAt: state.rotatedAt,
    nextRotationAt: state.nextRotationAt,
    accepted: acceptedPaths(state, now).map((entry) => entry.path),
  };
}
