import "server-only";
import type { Registry } from "prom-client";
import { countUsersByStatus } from "@/lib/dashboard/overview";
import { getDb } from "@/lib/db/client";
import { listEdgeNodes } from "@/lib/edge/edge-nodes";
import { getEnv } from "@/lib/env";
import { getRotationEngine } from "@/lib/rotation/server-engine";
import { countUnfinishedDeliveries } from "@/lib/webhooks/deliveries";
import { getMetrics } from "./get-metrics";
import { registerStateCollectors } from "./state-collectors";

/** The process's registry with the scrape-time gauges reading this server's engine and database. */
export function serverMetricsRegistry(): Registry {
  const { registry } = getMetrics();
  // The registry itself remembers whether the gauges are there (it refuses a name twice).
  if (!registry.getSingleMetric("rotor_users")) {
    registerStateCollectors(registry, {
      storeKind: getEnv().ETCD_ENDPOINTS ? "etcd" : "embedded",
      rotation: async () => {
        const engine = await getRotationEngine();
        return { health: () => engine.store.health(), snapshot: () => engine.snapshot.status() };
      },
      edges: () => listEdgeNodes(getDb()),
      usersByStatus: (now) => countUsersByStatus(getDb(), now),
      // The count blocks the event loop (/sub included) ~30 ms per 100k users: once a minute will do.
      usersMaxAgeMs: 60_000,
      webhookDeliveries: () => countUnfinishedDeliveries(getDb()),
      now: () => new Date(),
    });
  }
  return registry;
}
