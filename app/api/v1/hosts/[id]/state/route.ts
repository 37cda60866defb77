import { operations } from "@/lib/api-v1/operations";
import { apiRoute } from "@/lib/http/api-route";
import { readHostState } from "@/lib/rotation/read-host-state";
import { getRotationEngine } from "@/lib/rotation/server-engine";
import { presentState } from "@/lib/rotation/state";

export const dynamic = "force-dynamic";

/** A host's live rotation state, from this instance's snapshot (answers even while etcd is down). */
export const GET = apiRoute(operations.getHostState, async ({ params }) => {
  const engine = await getRotationEngine();
  return presentState(readHostState(engine, params.id));
});
