import { operations } from "@/lib/api-v1/operations";
import { getDb } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { deleteUser } from "@/lib/users/delete-user";
import { getUser } from "@/lib/users/get-user";
import { panelBaseUrl } from "@/lib/users/panel-base-url";
import { presentUser } from "@/lib/users/present-user";
import { updateUser } from "@/lib/users/update-user";

export const dynamic = "force-dynamic";

export const GET = apiRoute(operations.getUser, ({ params, request }) => presentUser(getUser(getDb(), params.id), panelBaseUrl(request.headers)));

export const PATCH = apiRoute(operations.updateUser, ({ params, body, actor, request }) =>
  presentUser(updateUser(getDb(), { id: params.id, patch: body, actor }), panelBaseUrl(request.headers)),
);

export const DELETE = apiRoute(operations.deleteUser, ({ params, actor }) => {
  deleteUser(getDb(), { id: params.id, actor });
});
