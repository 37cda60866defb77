import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { NotLeaderError } from "@/lib/rotation/rotator";
import type { HostRotationState } from "@/lib/rotation/state";
import { StoreUnavailableError } from "@/lib/rotation/store";
import { sampleValues } from "@/test/support/prometheus-text";
import { classifyRotationFailure, RotationMetrics, type RotationSource } from "./rotation-metrics";

type Change = HostRotationState | { hostId: number; deleted: true };

function state(hostId: number, epoch: number, reason: HostRotationState["lastRotation"]["reason"]): HostRotationState {
  return {
    hostId,
    epoch,
    path: `/p${epoch}`,
    next: `/p${epoch + 1}`,
    rotatedAt: "2026-06-01T00:00:00.000Z",
    nextRotationAt: null,
    retired: [],
    lastRotation: { fromPath: epoch > 1 ? `/p${epoch - 1}` : null, reason, actor: "test" },
  };
}

/** A stand-in for LiveSnapshot: the states it starts with, and a way to announce changes. */
function fakeSnapshot(initial: HostRotationState[]) {
  const listeners = new Set<(change: Change) => void>();
  const source: RotationSource = {
    all: () => initial,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { source, emit: (change: Change) => listeners.forEach((listener) => listener(change)) };
}

const counts = async (registry: Registry) => sampleValues(await registry.metrics());

describe("classifyRotationFailure", () => {
  it.each([
    [new AppError("conflict", "host 1 is being rotated by too many callers at once; try again"), "conflict"],
    [new StoreUnavailableError(new Error("etcd down")), "store_unavailable"],
    [new Error("disk I/O error"), "error"],
    ["thrown string", "error"],
    [new AppError("too_soon", "wait", { retryAfterSeconds: 3 }), null],
    [new AppError("not_found", "host 9 does not exist"), null],
    [new NotLeaderError(), null],
  ])("%s → %s", (error, reason) => {
    expect(classifyRotationFailure(error)).toBe(reason);
  });
});

describe("RotationMetrics", () => {
  it("counts failures by reason and ignores refusals", async () => {
    const registry = new Registry();
    const metrics = new RotationMetrics(registry);
    metrics.rotationFailed(new StoreUnavailableError(new Error("down")));
    metrics.rotationFailed(new StoreUnavailableError(new Error("down")));
    metrics.rotationFailed(new AppError("too_soon", "wait"));
    metrics.rotationFailed(new NotLeaderError());
    const samples = await counts(registry);
    expect(samples.get('rotor_rotation_failures_total{reason="store_unavailable"}')).toBe(2);
    expect(samples.get('rotor_rotation_failures_total{reason="conflict"}')).toBe(0);
    expect(samples.get('rotor_rotation_failures_total{reason="error"}')).toBe(0);
  });

  it("counts each epoch step the snapshot shows once, not the states it started with or repeats", async () => {
    const registry = new Registry();
    const metrics = new RotationMetrics(registry);
    const snapshot = fakeSnapshot([state(1, 5, "scheduled")]);
    metrics.follow(snapshot.source);
    expect((await counts(registry)).get('rotor_rotations_total{reason="scheduled"}')).toBe(0);

    snapshot.emit(state(1, 6, "manual"));
    snapshot.emit(state(1, 6, "manual")); // a reload re-announcing the same state
    snapshot.emit(state(1, 7, "scheduled"));
    snapshot.emit(state(1, 9, "scheduled")); // a reload after a reconnect: two rotations were missed
    snapshot.emit(state(2, 1, "initial")); // a new host
    snapshot.emit({ hostId: 2, deleted: true });
    snapshot.emit(state(2, 1, "initial")); // a host recreated with the same id starts again

    const samples = await counts(registry);
    expect(samples.get('rotor_rotations_total{reason="manual"}')).toBe(1);
    expect(samples.get('rotor_rotations_total{reason="scheduled"}')).toBe(3);
    expect(samples.get('rotor_rotations_total{reason="initial"}')).toBe(2);
  });
});
