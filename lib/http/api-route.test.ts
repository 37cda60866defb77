import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { defineOperation } from "@/lib/api-v1/operation";
import { createApiToken } from "@/lib/auth/api-tokens";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { MAX_BODY_BYTES } from "./read-json-body";

let temp: TempDb;
vi.mock(import("@/lib/db/client"), async (importOriginal) => ({ ...(await importOriginal()), getDb: () => temp.db }));
const { apiRoute } = await import("./api-route");

const operation = defineOperation({
  method: "POST", path: "/things/{id}", scope: "write", tag: "meta", summary: "test",
  params: z.object({ id: z.string().regex(/^\d+$/).transform(Number) }),
  query: z.object({ dryRun: z.enum(["yes", "no"]).default("no") }),
  body: z.strictObject({ name: z.string().min(1) }),
  status: 201,
});

const handler = apiRoute(operation, ({ params, query, body, actor }) => ({ id: params.id, dryRun: query.dryRun, name: body.name, actor }));

function call(init: { token?: string | null; body?: BodyInit; type?: string | null; id?: string; search?: string }) {
  const headers = new Headers();
  if (init.token !== null) headers.set("authorization", `Bearer ${init.token ?? writer}`);
  if (init.type !== null) headers.set("content-type", init.type ?? "application/json");
  const request = new Request(`http://panel.test/api/v1/things/${init.id ?? "7"}${init.search ?? ""}`, { method: "POST", headers, body: init.body ?? '{"name":"a"}' });
  return handler(request, { params: Promise.resolve({ id: init.id ?? "7" }) });
}

let writer: string;
let reader: string;
let admin: string;
beforeEach(() => {
  temp = createTempDb();
  writer = createApiToken(temp.db, { name: "writer", scopes: ["write"] }, { actor: "test" }).token;
  reader = createApiToken(temp.db, { name: "reader", scopes: ["read"] }, { actor: "test" }).token;
  admin = createApiToken(temp.db, { name: "root", scopes: ["admin"] }, { actor: "test" }).token;
});
afterEach(() => temp.close());

async function refusal(response: Response) {
  expect(response.headers.get("content-type")).toContain("application/json");
  const body = (await response.json()) as { error: { code: string; message: string; issues?: unknown[] } };
  return { status: response.status, code: body.error.code, message: body.error.message, issues: body.error.issues };
}

describe("apiRoute", () => {
  it("hands the handler typed params, query and body with the caller's audit actor, and answers the operation's status", async () => {
    const response = await call({ search: "?dryRun=yes" });
    expect(response.status).toBe(201);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ id: 7, dryRun: "yes", name: "a", actor: "api:writer" });
  });

  it("lets the admin scope stand for the operation's scope", async () => {
    expect((await call({ token: admin })).status).toBe(201);
  });

  it.each([
    ["no token", { token: null }, 401, "unauthorized"],
    ["an unknown token", { token: "rtr_nope" }, 401, "unauthorized"],
    ["a token without the scope", { token: "READER" }, 403, "forbidden"],
  ])("refuses %s before reading the input", async (_, init, status, code) => {
    const token = init.token === "READER" ? reader : init.token;
    // The body is broken too: authentication must answer first.
    expect(await refusal(await call({ token, body: "{" }))).toMatchObject({ status, code });
  });

  it.each([
    ["malformed JSON", { body: '{"name": "a",' }, "not valid JSON"],
    ["an empty body", { body: "" }, "empty"],
    ["a form instead of JSON", { type: "application/x-www-form-urlencoded", body: "name=a" }, "Content-Type"],
    ["no content type", { type: null }, "Content-Type"],
    ["a body over the limit", { body: JSON.stringify({ name: "x".repeat(MAX_BODY_BYTES) }) }, "larger than"],
    ["bytes that are not UTF-8", { body: new Uint8Array([0x7b, 0xff, 0x7d]) }, "UTF-8"],
  ])("answers %s with 400 invalid_request", async (_, init, message) => {
    const result = await refusal(await call(init));
    expect(result).toMatchObject({ status: 400, code: "invalid_request" });
    expect(result.message).toContain(message);
  });

  it.each([
    ["a wrong type", '{"name": 5}', "name"],
    ["an unknown field", '{"name": "a", "extra": 1}', "(input)"],
    ["JSON that is not an object", "[1,2]", "(input)"],
    ["JSON null", "null", "(input)"],
  ])("answers %s with 400 and the field issues", async (_, body, field) => {
    const result = await refusal(await call({ body }));
    expect(result).toMatchObject({ status: 400, code: "invalid_request" });
    expect(result.issues).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it("validates path parameters and the query string", async () => {
    expect(await refusal(await call({ id: "x1" }))).toMatchObject({ status: 400, issues: [expect.objectContaining({ field: "id" })] });
    expect(await refusal(await call({ search: "?dryRun=maybe" }))).toMatchObject({ status: 400, issues: [expect.objectContaining({ field: "dryRun" })] });
  });

  it("answers 204 with no body, and an unexpected error with a generic 500", async () => {
    const empty = apiRoute({ ...operation, status: 204 }, () => undefined);
    const request = () => new Request("http://panel.test/x/1", { method: "POST", headers: { authorization: `Bearer ${writer}`, "content-type": "application/json" }, body: '{"name":"a"}' });
    const noContent = await empty(request(), { params: Promise.resolve({ id: "1" }) });
    expect(noContent.status).toBe(204);
    expect(await noContent.text()).toBe("");

    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const failing = apiRoute(operation, () => {
      throw new Error("disk on fire at /secret");
    });
    const failed = await failing(request(), { params: Promise.resolve({ id: "1" }) });
    expect(failed.status).toBe(500);
    expect(await failed.text()).not.toContain("secret");
    logged.mockRestore();
  });

  it("serves a public operation without a token", async () => {
    const open = apiRoute({ method: "GET", path: "/open", scope: null, tag: "meta", summary: "open" } as const, () => ({ ok: true }));
    const response = await open(new Request("http://panel.test/open"), { params: Promise.resolve({}) });
    expect(await response.json()).toEqual({ ok: true });
  });
});
