import { operations } from "@/lib/api-v1/operations";
import { getDb } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { resetUserTraffic } from "@/lib/usage/reset-traffic";
import { getUser } from "@/lib/users/get-user";
import { panelBaseUrl } from "@/lib/users/panel-base-url";
import { presentUser } from "@/lib/users/present-user";

export const dynamic = "force-dynamic";

/** Answers the user with usedBytes 0 and, if they were limited, status active. */
export const POST = apiRoute(operations.resetUserTraffic, ({ params, actor, request }) => {
  resetUserTraffic(getDb(), { id: params.id, actor });
  return presentUser(getUser(getDb(), params.id), panelBaseUrl(request.headers));
});
