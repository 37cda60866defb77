import { operations } from "@/lib/api-v1/operations";
import { buildOpenApiDocument } from "@/lib/api-v1/openapi";
import { apiRoute } from "@/lib/http/api-route";

/** Public, like any API reference: it documents the routes and exposes no data. Built once per process. */
let document: ReturnType<typeof buildOpenApiDocument> | undefined;

export const GET = apiRoute(operations.openapi, () => (document ??= buildOpenApiDocument()));
