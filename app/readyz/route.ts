import { getDb } from "@/lib/db/client";
import { checkReadiness } from "@/lib/health/readiness";
import { getRotationEngine } from "@/lib/rotation/server-engine";

export const dynamic = "force-dynamic";

/**
 * Readiness: 200 `ready`, or 200 `degraded` while the rotation store is unreachable (subscriptions
 * are still served from the last snapshot); 503 `unavailable` when this instance cannot serve.
 */
export async function GET() {
  const readiness = await checkReadiness({
    db: getDb,
    rotation: async () => {
      const engine = await getRotationEngine();
      return { kind: engine.store.kind, health: () => engine.store.health(), snapshot: () => engine.snapshot.status() };
    },
  });
  return Response.json(readiness, {
    status: readiness.status === "unavailable" ? 503 : 200,
    headers: { "cache-control": "no-store" },
  });
}
