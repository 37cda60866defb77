import { Counter, type Registry } from "prom-client";
import { ROTATION_REASONS } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { NotLeaderError } from "@/lib/rotation/rotator";
import type { HostRotationState } from "@/lib/rotation/state";

/** Why a rotation that was asked for did not happen, as far as an operator should be paged for it. */
export const ROTATION_FAILURES = ["conflict", "store_unavailable", "error"] as const;
export type RotationFailure = (typeof ROTATION_FAILURES)[number];

/** What rotateHost threw, as a failure label; null for refusals that are not failures. */
export function classifyRotationFailure(error: unknown): RotationFailure | null {
  // A deposed leader stopping is the election working, not a failure.
  if (error instanceof NotLeaderError) return null;
  if (!(error instanceof AppError)) return "error";
  switch (error.code) {
    // Too many concurrent writers: the compare-and-swap retries ran out.
    case "conflict":
      return "conflict";
    case "store_unavailable":
      return "store_unavailable";
    // too_soon (the next path is still being announced), an unknown host, a bad request: refusals.
    default:
      return null;
  }
}

/** The part of LiveSnapshot the rotation counter follows. */
export interface RotationSource {
  all: () => HostRotationState[];
  subscribe: (listener: (change: HostRotationState | { hostId: number; deleted: true }) => void) => () => void;
}

/** rotor_rotations_total{reason} and rotor_rotation_failures_total{reason}. */
export class RotationMetrics {
  private readonly rotations: Counter<"reason">;
  private readonly failures: Counter<"reason">;

  constructor(registry: Registry) {
    this.rotations = new Counter({
      name: "rotor_rotations_total",
      help: "Rotations this instance's live snapshot has seen committed (by any instance or the CLI), by reason. Every instance counts every rotation once: aggregate with max, not sum.",
      labelNames: ["reason"],
      registers: [registry],
    });
    this.failures = new Counter({
      name: "rotor_rotation_failures_total",
      help: "Rotations asked of this instance (scheduler, API, admin UI) that failed: conflict (compare-and-swap retries exhausted), store_unavailable, error. Refusals such as too_soon are not counted.",
      labelNames: ["reason"],
      registers: [registry],
    });
    for (const reason of ROTATION_REASONS) this.rotations.labels(reason).inc(0);
    for (const reason of ROTATION_FAILURES) this.failures.labels(reason).inc(0);
  }

  /** For rotateHost's error hook: counts the error if it is a failure. */
  rotationFailed(error: unknown): void {
    const reason = classifyRotationFailure(error);
    if (reason) this.failures.labels(reason).inc();
  }

  /**
   * Counts rotations from the snapshot's changes: each host's epoch grows by exactly one per
   * rotation, and the snapshot delivers a host's states in order, so counting epoch steps counts
   * each rotation once, whether it arrived by a watch event or a reload after a reconnect.
   * Hosts already in the snapshot are not counted; a host appearing later counts its epochs.
   */
  follow(source: RotationSource): () => void {
    const epochs = new Map<number, number>();
    for (const state of source.all()) epochs.set(state.hostId, state.epoch);
    return source.subscribe((change) => {
      if ("deleted" in change) {
        epochs.delete(change.hostId);
        return;
      }
      const seen = epochs.get(change.hostId) ?? 0;
      if (change.epoch <= seen) return;
      epochs.set(change.hostId, change.epoch);
      this.rotations.labels(change.lastRotation.reason).inc(change.epoch - seen);
    });
  }
}
