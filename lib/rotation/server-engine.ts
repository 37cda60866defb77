import "server-only";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { getMetrics } from "@/lib/metrics/get-metrics";
import { rotationFailureReporter } from "@/lib/webhooks/rotation-failures";
import { createRotationStore } from "./create-store";
import { startRotationEngine, type RotationEngine } from "./engine";

const holder = globalThis as unknown as { rotorRotationEngine?: Promise<RotationEngine> };

/** This server process's rotation engine, started on first use (instrumentation starts it early). */
export function getRotationEngine(): Promise<RotationEngine> {
  if (holder.rotorRotationEngine) return holder.rotorRotationEngine;
  const metrics = getMetrics();
  const reportFailure = rotationFailureReporter(getDb());
  holder.rotorRotationEngine = startRotationEngine({
    db: getDb(),
    store: createRotationStore(getEnv(), getDb()),
    onRotateError: (error, request) => {
      metrics.rotation.rotationFailed(error);
      reportFailure(error, request);
    },
  })
    .then((engine) => {
      // Here, once per engine, so each rotation the snapshot sees is counted once per instance.
      metrics.rotation.follow(engine.snapshot);
      return engine;
    })
    .catch((error: unknown) => {
      holder.rotorRotationEngine = undefined;
      throw error;
    });
  return holder.rotorRotationEngine;
}
