import { operations } from "@/lib/api-v1/operations";
import { getDb } from "@/lib/db/client";
import { deleteHost } from "@/lib/hosts/delete-host";
import { getHost } from "@/lib/hosts/get-host";
import { presentHost } from "@/lib/hosts/present-host";
import { updateHost } from "@/lib/hosts/update-host";
import { apiRoute } from "@/lib/http/api-route";
import { getRotationEngine } from "@/lib/rotation/server-engine";

export const dynamic = "force-dynamic";

export const GET = apiRoute(operations.getHost, ({ params }) => presentHost(getHost(getDb(), params.id)));

export const PATCH = apiRoute(operations.updateHost, async ({ params, body, actor }) => {
  const { deps } = await getRotationEngine();
  return presentHost((await updateHost(deps, params.id, body, { actor })).host);
});

/** The live state goes first, so edges stop accepting the host's paths even if the rest fails. */
export const DELETE = apiRoute(operations.deleteHost, async ({ params, actor }) => {
  const { deps } = await getRotationEngine();
  await deleteHost(deps, params.id, { actor });
});
