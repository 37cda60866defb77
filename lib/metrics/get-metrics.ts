import { createRotorMetrics, type RotorMetrics } from "./rotor-metrics";

const holder = globalThis as unknown as { rotorMetrics?: RotorMetrics };

/**
 * This process's metrics. Kept on globalThis, like the rotation engine: Next may load this module
 * more than once (route bundles, instrumentation), and two registries would split the counters.
 */
export function getMetrics(): RotorMetrics {
  holder.rotorMetrics ??= createRotorMetrics();
  return holder.rotorMetrics;
}
