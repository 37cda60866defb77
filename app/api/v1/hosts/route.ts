import { operations } from "@/lib/api-v1/operations";
import { getDb } from "@/lib/db/client";
import { listHosts } from "@/lib/hosts/list-hosts";
import { presentHost } from "@/lib/hosts/present-host";
import { provisionHost } from "@/lib/hosts/provision-host";
import { apiRoute } from "@/lib/http/api-route";
import { getRotationEngine } from "@/lib/rotation/server-engine";

export const dynamic = "force-dynamic";

export const GET = apiRoute(operations.listHosts, () => ({ data: listHosts(getDb()).map(presentHost), nextCursor: null }));

/** If the rotation store is down the host is still created; the server gives it its first path once the store answers. */
export const POST = apiRoute(operations.createHost, async ({ body, actor }) => {
  const { deps } = await getRotationEngine();
  return presentHost((await provisionHost(deps, body, { actor })).host);
});
