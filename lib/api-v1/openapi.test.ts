import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildOpenApiDocument } from "./openapi";
import { defineOperation } from "./operation";
import { operations } from "./operations";

const API_DIR = path.resolve("app/api/v1");

/** Every `METHOD path` a route.ts under app/api/v1 exports, with `[id]` written as `{id}`. */
function routesOnDisk(): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(API_DIR, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name !== "route.ts") continue;
    const relative = path.relative(API_DIR, entry.parentPath).split(path.sep).filter(Boolean);
    const urlPath = `/api/v1/${relative.map((part) => part.replace(/^\[(\w+)\]$/, "{$1}")).join("/")}`;
    const source = readFileSync(path.join(entry.parentPath, entry.name), "utf8");
    for (const [, method] of source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE) =/g)) found.push(`${method} ${urlPath}`);
  }
  return found.sort();
}

function documented(document = buildOpenApiDocument()): string[] {
  return Object.entries(document.paths)
    .flatMap(([urlPath, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${urlPath}`))
    .sort();
}

describe("buildOpenApiDocument", () => {
  it("documents exactly the routes under app/api/v1, method by method", () => {
    const onDisk = routesOnDisk();
    expect(onDisk).toHaveLength(Object.keys(operations).length);
    expect(documented()).toEqual(onDisk);
  });

  it("documents the contract's routes (DESIGN.md), the bulk route and the traffic reset", () => {
    expect(documented()).toEqual(
      [
        "GET /api/v1/users", "POST /api/v1/users", "POST /api/v1/users/bulk",
        "GET /api/v1/users/{id}", "PATCH /api/v1/users/{id}", "DELETE /api/v1/users/{id}", "POST /api/v1/users/{id}/reset-token",
        "POST /api/v1/users/{id}/reset-traffic",
        "GET /api/v1/hosts", "POST /api/v1/hosts", "GET /api/v1/hosts/{id}", "PATCH /api/v1/hosts/{id}", "DELETE /api/v1/hosts/{id}",
        "POST /api/v1/hosts/{id}/rotate", "GET /api/v1/hosts/{id}/state", "GET /api/v1/rotations", "GET /api/v1/openapi.json",
      ].sort(),
    );
  });

  it("is OpenAPI 3.1 with a bearer scheme, every protected operation requiring it and listing the error schema", () => {
    const document = buildOpenApiDocument();
    expect(document.openapi).toBe("3.1.0");
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    expect(document.components.schemas.Error).toMatchObject({ type: "object", required: ["error"] });
    for (const operation of Object.values(operations)) {
      const described = (document.paths[`/api/v1${operation.path}`] as Record<string, Record<string, unknown>>)[operation.method.toLowerCase()]!;
      expect(described["x-scope"]).toBe(operation.scope);
      if (!operation.scope) {
        expect(described.security).toEqual([]);
        continue;
      }
      expect(described.security).toEqual([{ bearer: [] }]);
      const responses = described.responses as Record<string, unknown>;
      for (const status of ["400", "401", "403", "429"]) {
        expect(responses[status]).toMatchObject({ content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });
      }
    }
  });

  it("converts the very schemas the handlers validate with: requests as sent, responses as written", () => {
    const document = buildOpenApiDocument();
    const patchUser = document.paths["/api/v1/users/{id}"]!.patch as { parameters: unknown[]; requestBody: { content: { "application/json": { schema: Record<string, unknown> } } } };
    const body = patchUser.requestBody.content["application/json"].schema;
    expect(body).toMatchObject({ type: "object", additionalProperties: false });
    expect(body.required).toBeUndefined(); // PATCH: every field optional
    expect(Object.keys(body.properties as object).sort()).toEqual(["dataLimitBytes", "expiresAt", "note", "onHoldSeconds", "resetStrategy", "status", "username"]);
    expect(patchUser.parameters).toEqual([expect.objectContaining({ name: "id", in: "path", required: true, schema: expect.objectContaining({ type: "string" }) })]);

    const listUsers = document.paths["/api/v1/users"]!.get as { parameters: Array<{ name: string; required: boolean }>; responses: Record<string, unknown> };
    expect(listUsers.parameters.map((parameter) => parameter.name)).toEqual(["search", "status", "limit", "cursor"]);
    expect(listUsers.parameters.every((parameter) => !parameter.required)).toBe(true);
    expect(listUsers.responses["200"]).toMatchObject({
      content: { "application/json": { schema: { properties: { data: { items: { $ref: "#/components/schemas/User" } }, nextCursor: { type: ["string", "null"] } } } } },
    });
    expect(document.components.schemas.User).toMatchObject({ required: expect.arrayContaining(["id", "username", "uuid", "subscriptionUrl"]) });
    expect(document.paths["/api/v1/users/{id}"]!.delete).toMatchObject({ responses: { 204: { description: expect.any(String) } } });
  });

  it("describes a new operation without further work, and nothing in it refers outside the document", () => {
    const extra = defineOperation({
      method: "POST", path: "/widgets/{id}", scope: "write", tag: "meta", summary: "a widget",
      params: z.object({ id: z.string() }), body: z.object({ size: z.number().int().min(1) }), response: z.object({ ok: z.boolean() }), refusals: [404],
    });
    const document = buildOpenApiDocument({ list: [extra] });
    expect(document.paths["/api/v1/widgets/{id}"]!.post).toMatchObject({
      requestBody: { content: { "application/json": { schema: { properties: { size: { type: "integer", minimum: 1 } }, required: ["size"] } } } },
      responses: { 200: {}, 400: {}, 401: {}, 403: {}, 404: {}, 429: {} },
    });
    const refs = JSON.stringify(buildOpenApiDocument()).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref).toMatch(/"#\/components\/schemas\/\w+"/);
    expect(JSON.stringify(buildOpenApiDocument())).not.toContain("$defs");
  });
});
