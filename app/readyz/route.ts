import { getDb } from "@/lib/db/client";
import { checkReadiness } from "@/lib/health/readiness";

export const dynamic = "force-dynamic";

/** Readiness: 200 while this instance can serve subscriptions, 503 when it cannot. */
export function GET() {
  const readiness = checkReadiness(getDb);
  return Response.json(readiness, {
    status: readiness.status === "unavailable" ? 503 : 200,
    headers: { "cache-control": "no-store" },
  });
}
