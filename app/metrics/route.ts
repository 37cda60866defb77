import { getEnv } from "@/lib/env";
import { errorResponse } from "@/lib/http/error-response";
import { authorizeScrape } from "@/lib/metrics/authorize-scrape";
import { serverMetricsRegistry } from "@/lib/metrics/server-registry";

export const dynamic = "force-dynamic";

/** Prometheus text format; with ROTOR_METRICS_TOKEN set, only for `Authorization: Bearer <it>`. */
export async function GET(request: Request) {
  try {
    authorizeScrape(request.headers.get("authorization"), getEnv().ROTOR_METRICS_TOKEN);
    const registry = serverMetricsRegistry();
    return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
