import { operations } from "@/lib/api-v1/operations";
import { getDb } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { createUser } from "@/lib/users/create-user";
import { listUsersAfter } from "@/lib/users/list-users-after";
import { panelBaseUrl } from "@/lib/users/panel-base-url";
import { presentUser } from "@/lib/users/present-user";

export const dynamic = "force-dynamic";

export const GET = apiRoute(operations.listUsers, ({ query, request }) => {
  const page = listUsersAfter(getDb(), query);
  const baseUrl = panelBaseUrl(request.headers);
  return { data: page.users.map((user) => presentUser(user, baseUrl)), nextCursor: page.nextCursor };
});

export const POST = apiRoute(operations.createUser, ({ body, actor, request }) =>
  presentUser(createUser(getDb(), body, { actor }), panelBaseUrl(request.headers)),
);
