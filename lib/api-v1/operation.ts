import type { z } from "zod";
import type { ApiScope } from "@/lib/db/schema";

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

/** Statuses an operation may refuse with besides 400/401/403/429, which every authenticated operation has. */
export type RefusalStatus = 404 | 409 | 503;

/**
 * One /api/v1 operation, as both its route handler (lib/http/api-route.ts) and the OpenAPI
 * document (openapi.ts) read it: the schemas that validate a request are the ones documented.
 */
export interface ApiOperation {
  method: HttpMethod;
  /** Below /api/v1, with `{name}` path parameters, e.g. `/users/{id}`. */
  path: string;
  /** null: public (only openapi.json). */
  scope: ApiScope | null;
  summary: string;
  description?: string;
  tag: "users" | "hosts" | "rotations" | "meta";
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The success body; absent with status 204. */
  response?: z.ZodType;
  status?: 200 | 201 | 204;
  refusals?: RefusalStatus[];
}

/** Keeps an operation's literal schema types, so handlers get typed params, query and body. */
export function defineOperation<const O extends ApiOperation>(operation: O): O {
  return operation;
}
