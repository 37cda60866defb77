import { operations } from "@/lib/api-v1/operations";
import { getDb } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { getUser } from "@/lib/users/get-user";
import { panelBaseUrl } from "@/lib/users/panel-base-url";
import { presentUser } from "@/lib/users/present-user";
import { resetUserToken } from "@/lib/users/reset-user-token";

export const dynamic = "force-dynamic";

/** Answers the user with the new subscriptionUrl; the old URL answers 404 from now on. */
export const POST = apiRoute(operations.resetUserToken, ({ params, actor, request }) => {
  resetUserToken(getDb(), { id: params.id, actor });
  return presentUser(getUser(getDb(), params.id), panelBaseUrl(request.headers));
});
