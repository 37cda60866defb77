import { operations } from "@/lib/api-v1/operations";
import { getDb } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { listRotations } from "@/lib/rotation/list-rotations";

export const dynamic = "force-dynamic";

/** listRotations validates the query itself (the wrapper already refused a bad one with 400). */
export const GET = apiRoute(operations.listRotations, ({ rawQuery }) => {
  const page = listRotations(getDb(), rawQuery);
  return { data: page.rotations, nextCursor: page.nextCursor };
});
