import "server-only";
import type { z } from "zod";
import { getDb } from "@/lib/db/client";
import { authenticateEdge, type EdgeCaller } from "@/lib/edge/edge-auth";
import { parseInput } from "@/lib/validation";
import { errorResponse } from "./error-response";

/**
 * An /api/edge route handler: checks the edge token, validates the query string with zod,
 * runs `handle`, and answers its result as JSON (a Response as it is; any error as the error shape).
 */
export function edgeRoute<Q extends z.ZodType>(
  options: { query: Q },
  handle: (input: { query: z.output<Q>; edge: EdgeCaller; request: Request }) => Promise<unknown> | unknown,
) {
  return async (request: Request): Promise<Response> => {
    try {
      const edge = authenticateEdge(getDb(), request.headers.get("authorization"));
      const query = parseInput(options.query, Object.fromEntries(new URL(request.url).searchParams));
      const result = await handle({ query, edge, request });
      if (result instanceof Response) return result;
      return Response.json(result, { headers: { "cache-control": "no-store" } });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
