import { operations } from "@/lib/api-v1/operations";
import { getDb } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { bulkUpdateUsers } from "@/lib/users/bulk-update-users";

export const dynamic = "force-dynamic";

export const POST = apiRoute(operations.bulkUsers, ({ body, actor }) => bulkUpdateUsers(getDb(), body, { actor }));
