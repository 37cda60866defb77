import "server-only";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { createRotationStore } from "./create-store";
import { startRotationEngine, type RotationEngine } from "./engine";

const holder = globalThis as unknown as { rotorRotationEngine?: Promise<RotationEngine> };

/** This server process's rotation engine, started on first use (instrumentation starts it early). */
export function getRotationEngine(): Promise<RotationEngine> {
  holder.rotorRotationEngine ??= startRotationEngine({ db: getDb(), store: createRotationStore(getEnv(), getDb()) }).catch(
    (error: unknown) => {
      holder.rotorRotationEngine = undefined;
      throw error;
    },
  );
  return holder.rotorRotationEngine;
}
