import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { recordEdgeSeen } from "@/lib/edge/edge-auth";
import { createEdgeUsersFeed, edgeUsersResponse, type EdgeUsersFeed } from "@/lib/edge/edge-users-feed";
import { pollUntil } from "@/lib/edge/poll-until";
import { LONG_POLL_MAX_MS } from "@/lib/edge/wait-for-revision";
import { clientIp } from "@/lib/http/client-ip";
import { edgeRoute } from "@/lib/http/edge-route";

export const dynamic = "force-dynamic";

/** A counter read is a few µs; 250 ms keeps a change's way to the edges well under a second. */
const POLL_INTERVAL_MS = 250;

const querySchema = z.object({
  since: z
    .string()
    .regex(/^\d{1,15}$/, "must be a revision from an earlier answer")
    .optional(),
});

let feed: EdgeUsersFeed | undefined;

/** The users edges must accept now; with ?since=<revision>, held until that set changes (≤ 30 s). */
export const GET = edgeRoute({ query: querySchema }, async ({ query, edge, request }) => {
  const db = getDb();
  feed ??= createEdgeUsersFeed(db);
  const users = feed;
  const since = query.since;
  // `since` is the users revision the agent has applied to its proxy (it asks again only then).
  recordEdgeSeen(db, edge, { at: new Date(), ip: clientIp(request.headers), appliedRevision: null, appliedUsersRevision: since ?? null });
  if (since !== undefined) {
    await pollUntil(() => Number(users.revision()) > Number(since), { timeoutMs: LONG_POLL_MAX_MS, intervalMs: POLL_INTERVAL_MS, signal: request.signal });
  }
  return edgeUsersResponse(await users.answer());
});
