import { getDb } from "@/lib/db/client";
import { recordEdgeSeen } from "@/lib/edge/edge-auth";
import { clientIp } from "@/lib/http/client-ip";
import { edgeRoute } from "@/lib/http/edge-route";
import { recordUsage } from "@/lib/usage/record-usage";
import { MAX_USAGE_BODY_BYTES, usageReportSchema } from "@/lib/usage/schema";

export const dynamic = "force-dynamic";

/** An edge's traffic per user since its previous report; a retried report id is answered, not counted again. */
export const POST = edgeRoute({ body: usageReportSchema, maxBodyBytes: MAX_USAGE_BODY_BYTES }, ({ body, edge, request }) => {
  const db = getDb();
  const now = new Date();
  recordEdgeSeen(db, edge, { at: now, ip: clientIp(request.headers), appliedRevision: null });
  return recordUsage(db, { edgeId: edge.edgeId, report: body, now });
});
