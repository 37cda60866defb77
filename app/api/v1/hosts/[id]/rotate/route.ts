import { operations } from "@/lib/api-v1/operations";
import { apiRoute } from "@/lib/http/api-route";
import { presentRotation } from "@/lib/rotation/present-rotation";
import { rotateHost } from "@/lib/rotation/rotator";
import { getRotationEngine } from "@/lib/rotation/server-engine";
import { presentState } from "@/lib/rotation/state";

export const dynamic = "force-dynamic";

/** Rotate a host now: 409 `too_soon` (with Retry-After) while its next path is still being announced. */
export const POST = apiRoute(operations.rotateHost, async ({ params, actor }) => {
  const { deps } = await getRotationEngine();
  const { state } = await rotateHost(deps, { hostId: params.id, reason: "manual", actor });
  return { rotation: presentRotation(state), state: presentState(state) };
});
