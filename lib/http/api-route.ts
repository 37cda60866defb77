import "server-only";
import type { z } from "zod";
import { authenticateApiToken, type ApiCaller } from "@/lib/auth/api-auth";
import { getDb } from "@/lib/db/client";
import type { ApiScope } from "@/lib/db/schema";
import { parseInput } from "@/lib/validation";
import { errorResponse } from "./error-response";

interface RouteContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * A /api/v1 route handler: checks the bearer token and scope, validates the path parameters
 * with zod, runs `handle`, and answers its result as JSON (or any error as the error shape).
 */
export function apiRoute<P extends z.ZodType>(
  options: { scope: ApiScope; params: P },
  handle: (input: { params: z.output<P>; caller: ApiCaller; request: Request }) => Promise<unknown> | unknown,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      const caller = authenticateApiToken(getDb(), request.headers.get("authorization"), options.scope);
      const params = parseInput(options.params, await context.params);
      const result = await handle({ params, caller, request });
      return Response.json(result, { headers: { "cache-control": "no-store" } });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
