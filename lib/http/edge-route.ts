import "server-only";
import type { z } from "zod";
import { getDb } from "@/lib/db/client";
import { authenticateEdge, type EdgeCaller } from "@/lib/edge/edge-auth";
import { parseInput } from "@/lib/validation";
import { errorResponse } from "./error-response";
import { readJsonBody } from "./read-json-body";

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

interface EdgeRouteOptions {
  query?: z.ZodType;
  /** A JSON body (application/json only, unknown fields refused by a strict schema). */
  body?: z.ZodType;
  /** The body's size cap in bytes; readJsonBody's default when absent. */
  maxBodyBytes?: number;
}

/**
 * An /api/edge route handler: checks the edge token first (a caller without one learns nothing
 * about the input), validates the query string and JSON body with zod, runs `handle`, and
 * answers its result as JSON (a Response as it is; any error as the error shape).
 */
export function edgeRoute<O extends EdgeRouteOptions>(
  options: O,
  handle: (input: { query: Parsed<O["query"]>; body: Parsed<O["body"]>; edge: EdgeCaller; request: Request }) => Promise<unknown> | unknown,
) {
  return async (request: Request): Promise<Response> => {
    try {
      const edge = authenticateEdge(getDb(), request.headers.get("authorization"));
      const query = options.query ? parseInput(options.query, Object.fromEntries(new URL(request.url).searchParams)) : undefined;
      const body = options.body ? parseInput(options.body, await readJsonBody(request, { maxBytes: options.maxBodyBytes })) : undefined;
      const result = await handle({ query, body, edge, request } as { query: Parsed<O["query"]>; body: Parsed<O["body"]>; edge: EdgeCaller; request: Request });
      if (result instanceof Response) return result;
      return Response.json(result, { headers: { "cache-control": "no-store" } });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
