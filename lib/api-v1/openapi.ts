import { z } from "zod";
import { errorBodySchema } from "@/lib/http/error-schema";
import type { ApiOperation } from "./operation";
import { operations } from "./operations";

type JsonSchema = Record<string, unknown>;

const REFUSAL_TEXT: Record<number, string> = {
  400: "invalid_request: malformed JSON, wrong content type or fields refused (see issues)",
  401: "unauthorized: no token, or an unknown or revoked one",
  403: "forbidden: the token lacks the scope",
  404: "not_found",
  409: "conflict (a name is taken) or too_soon",
  429: "rate_limited: the token made more than ROTOR_API_RATE_LIMIT requests this minute (Retry-After says when to retry)",
  503: "store_unavailable: the rotation store did not answer",
};

/**
 * The OpenAPI 3.1 document of /api/v1, built from the operations registry: each zod schema is
 * converted with z.toJSONSchema (requests as callers send them, responses as the server writes
 * them), and schemas carrying a meta id (User, Host, Error...) are shared under components.
 */
export function buildOpenApiDocument(options: { version?: string; list?: ApiOperation[] } = {}) {
  const shared: Record<string, JsonSchema> = {};
  const convert = (schema: z.ZodType, io: "input" | "output") => lift(z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "any" }), shared);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of options.list ?? Object.values(operations)) {
    const path = `/api/v1${operation.path}`;
    paths[path] ??= {};
    paths[path][operation.method.toLowerCase()] = describeOperation(operation, convert);
  }
  convert(errorBodySchema, "output"); // its meta id files it under components.schemas.Error
  return {
    openapi: "3.1.0",
    info: {
      title: "Rotor API",
      version: options.version ?? "1",
      description:
        "Users, hosts and path rotation of a Rotor panel. Lists answer {data, nextCursor}: pass nextCursor back as cursor; null ends the walk. Every refusal is {error: {code, message, issues?}}.",
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    tags: [{ name: "users" }, { name: "hosts" }, { name: "rotations" }, { name: "meta" }],
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API token from `rotor token:create` or the Tokens page; scope admin implies every scope" } },
      schemas: shared,
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

function describeOperation(operation: ApiOperation, convert: (schema: z.ZodType, io: "input" | "output") => JsonSchema) {
  const parameters = [
    ...parametersOf(operation.params, "path", convert),
    ...parametersOf(operation.query, "query", convert),
  ];
  const status = operation.status ?? 200;
  const responses: Record<string, unknown> = {
    [status]: operation.response
      ? { description: "Success", content: { "application/json": { schema: convert(operation.response, "output") } } }
      : { description: "Success, no body" },
  };
  const refusals = operation.scope ? [400, 401, 403, 429, ...(operation.refusals ?? [])] : [];
  for (const code of refusals) {
    responses[code] = { description: REFUSAL_TEXT[code], content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  }
  return {
    operationId: operationIdOf(operation),
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    tags: [operation.tag],
    security: operation.scope ? [{ bearer: [] }] : [],
    "x-scope": operation.scope,
    ...(parameters.length ? { parameters } : {}),
    ...(operation.body
      ? { requestBody: { required: true, content: { "application/json": { schema: convert(operation.body, "input") } } } }
      : {}),
    responses,
  };
}

/** One OpenAPI parameter per property of a params or query object schema. */
function parametersOf(schema: z.ZodObject | undefined, where: "path" | "query", convert: (schema: z.ZodType, io: "input") => JsonSchema) {
  if (!schema) return [];
  const object = convert(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === "path" || (object.required ?? []).includes(name),
      ...(typeof description === "string" ? { description } : {}),
      schema: rest,
    };
  });
}

function operationIdOf(operation: ApiOperation): string {
  const entry = Object.entries(operations).find(([, candidate]) => candidate === operation);
  return entry?.[0] ?? `${operation.method.toLowerCase()}${operation.path.replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string | undefined) => (next ?? "").toUpperCase())}`;
}

/** Moves a converted schema's $defs into `shared` and points its $refs at components.schemas. */
function lift(converted: JsonSchema, shared: Record<string, JsonSchema>): JsonSchema {
  const { $schema: _dialect, $defs, ...root } = converted as JsonSchema & { $defs?: Record<string, JsonSchema> };
  for (const [id, definition] of Object.entries($defs ?? {})) shared[id] ??= rewriteRefs(definition) as JsonSchema;
  return rewriteRefs(root) as JsonSchema;
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === "$ref" && typeof inner === "string" ? inner.replace(/^#\/\$defs\//, "#/components/schemas/") : rewriteRefs(inner),
    ]),
  );
}
