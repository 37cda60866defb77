import "server-only";
import type { z } from "zod";
import type { ApiOperation } from "@/lib/api-v1/operation";
import { authenticateApiToken, type ApiCaller } from "@/lib/auth/api-auth";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { parseInput } from "@/lib/validation";
import { createApiRateLimit, type ApiRateLimit } from "./api-rate-limit";
import { errorResponse } from "./error-response";
import { readJsonBody } from "./read-json-body";

interface RouteContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface ApiInput<O extends ApiOperation> {
  params: Parsed<O["params"]>;
  query: Parsed<O["query"]>;
  body: Parsed<O["body"]>;
  caller: ApiCaller;
  /** The query string as sent, for domain functions that validate their own input. */
  rawQuery: Record<string, string>;
  /** The audit actor for this caller's changes: `api:<token name>`. */
  actor: string;
  request: Request;
}

const NO_STORE = { "cache-control": "no-store" };

/** One count per token for every route of the process (route bundles may hold copies of this module). */
const holder = globalThis as unknown as { rotorApiRateLimit?: ApiRateLimit };
const apiRateLimit = (): ApiRateLimit => (holder.rotorApiRateLimit ??= createApiRateLimit(getEnv().ROTOR_API_RATE_LIMIT));

/**
 * A /api/v1 route handler for `operation`: checks the bearer token and scope first (so a caller
 * without a token learns nothing about the input) and the token's rate limit, then validates path parameters, query string
 * and JSON body with the operation's zod schemas, runs `handle`, and answers its result as JSON
 * with the operation's status. Every refusal is the contract's error shape.
 */
export function apiRoute<O extends ApiOperation>(operation: O, handle: (input: ApiInput<O>) => Promise<unknown> | unknown) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      const caller = operation.scope
        ? authenticateApiToken(getDb(), request.headers.get("authorization"), operation.scope)
        : { tokenId: 0, name: "anonymous", scopes: [] };
      if (operation.scope) apiRateLimit()(caller);
      const rawQuery = Object.fromEntries(new URL(request.url).searchParams);
      const input = {
        params: operation.params ? parseInput(operation.params, await context.params) : undefined,
        query: operation.query ? parseInput(operation.query, rawQuery) : undefined,
        rawQuery,
        body: operation.body ? parseInput(operation.body, await readJsonBody(request)) : undefined,
        caller,
        actor: `api:${caller.name}`,
        request,
      } as ApiInput<O>;
      const result = await handle(input);
      const status = operation.status ?? 200;
      if (status === 204) return new Response(null, { status, headers: NO_STORE });
      return Response.json(result, { status, headers: NO_STORE });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
