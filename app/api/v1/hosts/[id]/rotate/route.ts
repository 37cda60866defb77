import { hostIdParamsSchema } from "@/lib/hosts/host-id-params";
import { apiRoute } from "@/lib/http/api-route";
import { presentRotation } from "@/lib/rotation/present-rotation";
import { rotateHost } from "@/lib/rotation/rotator";
import { getRotationEngine } from "@/lib/rotation/server-engine";
import { presentState } from "@/lib/rotation/state";

export const dynamic = "force-dynamic";

/** Rotate a host now: 409 `too_soon` (with Retry-After) while its next path is still being announced. */
export const POST = apiRoute({ scope: "rotate", params: hostIdParamsSchema }, async ({ params, caller }) => {
  const { deps } = await getRotationEngine();
  const { state } = await rotateHost(deps, { hostId: params.id, reason: "manual", actor: `api:${caller.name}` });
  return { rotation: presentRotation(state), state: presentState(state) };
});
