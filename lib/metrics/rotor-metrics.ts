import { Registry } from "prom-client";
import { RotationMetrics } from "./rotation-metrics";
import { SubscriptionMetrics } from "./subscription-metrics";

export interface RotorMetrics {
  registry: Registry;
  subscription: SubscriptionMetrics;
  rotation: RotationMetrics;
}

/** A registry with the metrics recorded as things happen; scrape-time gauges are added by registerStateCollectors. */
export function createRotorMetrics(): RotorMetrics {
  const registry = new Registry();
  return { registry, subscription: new SubscriptionMetrics(registry), rotation: new RotationMetrics(registry) };
}
