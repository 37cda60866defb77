import { asc } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { hosts } from "@/lib/db/schema";
import { recordEdgeSeen } from "@/lib/edge/edge-auth";
import { buildEdgePaths } from "@/lib/edge/edge-paths";
import { LONG_POLL_MAX_MS, waitForNewerRevision } from "@/lib/edge/wait-for-revision";
import { AppError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { edgeRoute } from "@/lib/http/edge-route";
import { getRotationEngine } from "@/lib/rotation/server-engine";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  since: z
    .string()
    .regex(/^\d{1,20}$/, "must be a revision from an earlier answer")
    .optional(),
});

/** Every path the edges must accept now; with ?since=<revision>, held until something changes (≤ 30 s). */
export const GET = edgeRoute({ query: querySchema }, async ({ query, edge, request }) => {
  const engine = await getRotationEngine();
  if (!engine.snapshot.status().loaded) throw new AppError("store_unavailable", "the rotation state has not loaded yet; retry shortly");
  const db = getDb();
  recordEdgeSeen(db, edge, { at: new Date(), ip: clientIp(request.headers), appliedRevision: query.since ?? null });
  if (query.since !== undefined) {
    await waitForNewerRevision(engine.snapshot, query.since, { timeoutMs: LONG_POLL_MAX_MS, signal: request.signal });
  }
  const hostRows = db.select({ id: hosts.id, name: hosts.name, transport: hosts.transport }).from(hosts).orderBy(asc(hosts.id)).all();
  const { revision } = engine.snapshot.status();
  return buildEdgePaths(hostRows, engine.snapshot.all(), revision, new Date());
});
