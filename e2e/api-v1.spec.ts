import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { auditOf, createToken, readDb, uniqueName, type ApiToken } from "./support/api-v1";

const USER_KEYS = ["createdAt", "dataLimitBytes", "expiresAt", "id", "lifetimeBytes", "note", "onHoldSeconds", "onlineAt", "resetStrategy", "status", "subscriptionUrl", "usedBytes", "username", "uuid"];
const HOST_KEYS = ["address", "alpn", "announceSeconds", "enabled", "fingerprint", "graceSeconds", "hostHeader", "id", "name", "pathPrefix", "port", "rotationIntervalSeconds", "security", "sni", "transport"];

let reader: ApiToken;
let writer: ApiToken;
let rotator: ApiToken;

test.beforeAll(() => {
  reader = createToken("apiv1-reader", "read");
  writer = createToken("apiv1-writer", "write");
  rotator = createToken("apiv1-rotator", "rotate");
});

type Row = Record<string, unknown>;
const userRow = (id: number) => readDb((db) => db.prepare("SELECT * FROM users WHERE id = ?").get(id) as Row | undefined);
const hostRow = (id: number) => readDb((db) => db.prepare("SELECT * FROM hosts WHERE id = ?").get(id) as Row | undefined);

async function expectError(response: APIResponse, status: number, code: string) {
  expect(response.status(), await response.text()).toBe(status);
  expect(response.headers()["content-type"]).toContain("application/json");
  const body = await response.json();
  expect(body).toMatchObject({ error: { code, message: expect.any(String) } });
  return body.error as { code: string; message: string; issues?: Array<{ field: string; message: string }> };
}

async function createUser(request: APIRequestContext, fields: Row = {}) {
  const response = await request.post("/api/v1/users", { headers: writer.headers, data: { username: uniqueName("u").slice(0, 32), ...fields } });
  expect(response.status(), await response.text()).toBe(201);
  return response.json();
}

function hostBody(fields: Row = {}) {
  // Manual rotation only and no announce wait, so the test alone decides when paths change.
  return { name: uniqueName("api-host"), address: "edge.example.com", port: 443, transport: "ws", security: "tls", pathPrefix: "/r/", rotationIntervalSeconds: 0, announceSeconds: 0, ...fields };
}

async function createHost(request: APIRequestContext, fields: Row = {}, token = writer) {
  const response = await request.post("/api/v1/hosts", { headers: token.headers, data: hostBody(fields) });
  expect(response.status(), await response.text()).toBe(201);
  return response.json();
}

test.describe("/api/v1", () => {
  test("every documented operation refuses a request without a token (401) or without its scope (403)", async ({ request }) => {
    const user = await createUser(request);
    const host = await createHost(request);
    const document = await (await request.get("/api/v1/openapi.json")).json();
    const lacking: Record<string, ApiToken> = { read: rotator, write: reader, rotate: writer };
    let checked = 0;
    for (const [path, methods] of Object.entries(document.paths as Record<string, Record<string, { "x-scope": string | null }>>)) {
      for (const [method, operation] of Object.entries(methods)) {
        const url = path.replace("{id}", String(path.startsWith("/api/v1/users") ? user.id : host.id));
        if (operation["x-scope"] === null) continue; // openapi.json is public
        const options = { method: method.toUpperCase(), data: method === "get" || method === "delete" ? undefined : "{}" };
        await expectError(await request.fetch(url, options), 401, "unauthorized");
        await expectError(await request.fetch(url, { ...options, headers: { Authorization: "Bearer rtr_not-a-token" } }), 401, "unauthorized");
        await expectError(await request.fetch(url, { ...options, headers: lacking[operation["x-scope"]]!.headers }), 403, "forbidden");
        checked += 1;
      }
    }
    expect(checked).toBe(16);
    // Nothing refused was done: the user and host are still there, unchanged.
    expect(userRow(user.id)).toMatchObject({ username: user.username, status: "active" });
    expect(hostRow(host.id)).toMatchObject({ name: host.name });
  });

  test("serves openapi.json without a token", async ({ request }) => {
    const response = await request.get("/api/v1/openapi.json");
    expect(response.status()).toBe(200);
    const document = await response.json();
    expect(document).toMatchObject({ openapi: "3.1.0", components: { securitySchemes: { bearer: { scheme: "bearer" } } } });
    expect(Object.keys(document.paths)).toContain("/api/v1/users/bulk");
  });

  test("creates, reads, patches, re-tokens and deletes a user, each change audited with the token's name", async ({ request }) => {
    const expiresAt = "2031-05-01T12:00:00.000Z";
    const created = await createUser(request, { dataLimitBytes: 5_000_000, expiresAt, note: "from the API" });
    expect(Object.keys(created).sort()).toEqual(USER_KEYS);
    expect(created).toMatchObject({ status: "active", dataLimitBytes: 5_000_000, usedBytes: 0, expiresAt, note: "from the API" });
    expect(created.subscriptionUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sub\/[A-Za-z0-9_-]+$/);
    const stored = userRow(created.id)!;
    expect(stored).toMatchObject({ username: created.username, uuid: created.uuid, data_limit_bytes: 5_000_000, expires_at: Date.parse(expiresAt), note: "from the API" });

    expect(await (await request.get(`/api/v1/users/${created.id}`, { headers: reader.headers })).json()).toEqual(created);

    // PATCH: only the fields sent change.
    const patched = await request.patch(`/api/v1/users/${created.id}`, { headers: writer.headers, data: { note: "changed", expiresAt: null } });
    expect(patched.status()).toBe(200);
    expect(await patched.json()).toEqual({ ...created, note: "changed", expiresAt: null });
    const after = userRow(created.id)!;
    const unchanged = (row: Row) => ({ ...row, note: undefined, expires_at: undefined, version: undefined, updated_at: undefined });
    expect(unchanged(after)).toEqual(unchanged(stored));
    expect(after).toMatchObject({ note: "changed", expires_at: null });

    const oldUrl = new URL(created.subscriptionUrl).pathname;
    const reset = await request.post(`/api/v1/users/${created.id}/reset-token`, { headers: writer.headers });
    expect(reset.status()).toBe(200);
    const renewed = await reset.json();
    expect(renewed.subscriptionUrl).not.toBe(created.subscriptionUrl);
    expect(userRow(created.id)!.subscription_token).toBe(renewed.subscriptionUrl.split("/sub/")[1]);
    expect((await request.get(oldUrl)).status()).toBe(404);

    const resetTraffic = await request.post(`/api/v1/users/${created.id}/reset-traffic`, { headers: writer.headers });
    expect(resetTraffic.status()).toBe(200);
    expect(await resetTraffic.json()).toMatchObject({ id: created.id, usedBytes: 0, status: "active" });
    expect(userRow(created.id)!.traffic_reset_at).toEqual(expect.any(Number));

    const deleted = await request.delete(`/api/v1/users/${created.id}`, { headers: writer.headers });
    expect(deleted.status()).toBe(204);
    expect(await deleted.text()).toBe("");
    expect(userRow(created.id)).toBeUndefined();
    await expectError(await request.get(`/api/v1/users/${created.id}`, { headers: reader.headers }), 404, "not_found");

    const target = `user:${created.id}`;
    expect(auditOf(writer).filter((entry) => entry.target === target)).toEqual([
      { action: "user.create", target },
      { action: "user.update", target },
      { action: "user.reset_token", target },
      { action: "user.traffic_reset", target },
      { action: "user.delete", target },
    ]);
  });

  test("refuses bad user input with 400, unknown users with 404 and taken names with 409, changing nothing", async ({ request }) => {
    const first = await createUser(request);
    const second = await createUser(request);
    const before = [userRow(first.id), userRow(second.id)];
    const json = { ...writer.headers, "content-type": "application/json" };
    const cases: Array<[string, () => Promise<APIResponse>, number, string, string?]> = [
      ["malformed JSON", () => request.post("/api/v1/users", { headers: json, data: '{"username": "x",' }), 400, "invalid_request"],
      ["a form body", () => request.post("/api/v1/users", { headers: writer.headers, form: { username: "formuser" } }), 400, "invalid_request"],
      ["a missing username", () => request.post("/api/v1/users", { headers: writer.headers, data: { note: "x" } }), 400, "invalid_request", "username"],
      ["a wrong type", () => request.post("/api/v1/users", { headers: writer.headers, data: { username: uniqueName("t"), dataLimitBytes: "lots" } }), 400, "invalid_request", "dataLimitBytes"],
      ["a date that is not ISO 8601", () => request.post("/api/v1/users", { headers: writer.headers, data: { username: uniqueName("t"), expiresAt: "tomorrow" } }), 400, "invalid_request", "expiresAt"],
      ["an unknown field on create", () => request.post("/api/v1/users", { headers: writer.headers, data: { username: uniqueName("t"), admin: true } }), 400, "invalid_request"],
      ["an unknown field on PATCH", () => request.patch(`/api/v1/users/${first.id}`, { headers: writer.headers, data: { note: "x", usedBytes: 0 } }), 400, "invalid_request"],
      ["a PATCH that is not an object", () => request.patch(`/api/v1/users/${first.id}`, { headers: json, data: "[]" }), 400, "invalid_request"],
      ["a malformed id", () => request.get("/api/v1/users/1e3", { headers: reader.headers }), 400, "invalid_request", "id"],
      ["a bad cursor", () => request.get("/api/v1/users?cursor=nope", { headers: reader.headers }), 400, "invalid_request", "cursor"],
      ["a limit out of range", () => request.get("/api/v1/users?limit=0", { headers: reader.headers }), 400, "invalid_request", "limit"],
      ["an unknown user (GET)", () => request.get("/api/v1/users/999999999", { headers: reader.headers }), 404, "not_found"],
      ["an unknown user (PATCH)", () => request.patch("/api/v1/users/999999999", { headers: writer.headers, data: { note: "x" } }), 404, "not_found"],
      ["an unknown user (DELETE)", () => request.delete("/api/v1/users/999999999", { headers: writer.headers }), 404, "not_found"],
      ["an unknown user (reset-token)", () => request.post("/api/v1/users/999999999/reset-token", { headers: writer.headers }), 404, "not_found"],
      ["an unknown user (reset-traffic)", () => request.post("/api/v1/users/999999999/reset-traffic", { headers: writer.headers }), 404, "not_found"],
      ["a hold with an expiry date", () => request.post("/api/v1/users", { headers: writer.headers, data: { username: uniqueName("t"), onHoldSeconds: 86400, expiresAt: "2031-01-01T00:00:00Z" } }), 400, "invalid_request", "onHoldSeconds"],
      ["a hold of 0 seconds", () => request.post("/api/v1/users", { headers: writer.headers, data: { username: uniqueName("t"), onHoldSeconds: 0 } }), 400, "invalid_request", "onHoldSeconds"],
      ["an unknown reset strategy", () => request.patch(`/api/v1/users/${first.id}`, { headers: writer.headers, data: { resetStrategy: "yearly" } }), 400, "invalid_request", "resetStrategy"],
      ["a taken username on create", () => request.post("/api/v1/users", { headers: writer.headers, data: { username: first.username } }), 409, "conflict", "username"],
      ["a taken username on PATCH", () => request.patch(`/api/v1/users/${second.id}`, { headers: writer.headers, data: { username: first.username } }), 409, "conflict", "username"],
    ];
    for (const [name, send, status, code, field] of cases) {
      const error = await test.step(name, async () => expectError(await send(), status, code));
      if (field) expect(error.issues, name).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
    expect([userRow(first.id), userRow(second.id)]).toEqual(before);
  });

  test("pages through users with a cursor, each exactly once", async ({ request }) => {
    const tag = uniqueName("pg").replace(/-/g, "").slice(0, 14);
    const ids: number[] = [];
    for (let index = 0; index < 7; index += 1) ids.push((await createUser(request, { username: `${tag}${index}` })).id);

    /** Follows nextCursor to the end, or until `enough` says the pages seen so far suffice. */
    async function walk(query: string, enough: (seen: number[]) => boolean = () => false, from: string | null = null) {
      const seen: number[] = [];
      let cursor: string | null = from;
      let pages = 0;
      do {
        const response: APIResponse = await request.get(`/api/v1/users?${query}${cursor ? `&cursor=${cursor}` : ""}`, { headers: reader.headers });
        expect(response.status()).toBe(200);
        const page = (await response.json()) as { data: Array<{ id: number }>; nextCursor: string | null };
        expect(Object.keys(page).sort()).toEqual(["data", "nextCursor"]);
        for (const user of page.data) expect(Object.keys(user).sort()).toEqual(USER_KEYS);
        seen.push(...page.data.map((user) => user.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor && !enough(seen));
      return { seen, pages };
    }

    const filtered = await walk(`search=${tag}&limit=3`);
    expect(filtered).toEqual({ seen: ids, pages: 3 });

    // Unfiltered, from the position after our third user (a cursor marks a place, not a filter),
    // until past our last one: other specs add and remove users meanwhile (one seeds 100,000), so
    // check that no user repeats and that ours are all there, in order.
    const afterThird = ((await (await request.get(`/api/v1/users?search=${tag}&limit=3`, { headers: reader.headers })).json()) as { nextCursor: string }).nextCursor;
    const all = await walk("limit=5", (seen) => seen.includes(ids.at(-1)!), afterThird);
    expect(new Set(all.seen).size).toBe(all.seen.length);
    expect(all.seen.filter((id) => ids.includes(id))).toEqual(ids.slice(3));
    expect([...all.seen].sort((a, b) => a - b)).toEqual(all.seen);
  });

  test("bulk-changes users in one audited request and refuses more than 1,000 ids", async ({ request }) => {
    const expiresAt = "2030-01-01T00:00:00.000Z";
    const users = [await createUser(request, { expiresAt }), await createUser(request), await createUser(request)];
    const ids = users.map((user) => user.id);

    const disabled = await request.post("/api/v1/users/bulk", { headers: writer.headers, data: { action: "disable", ids } });
    expect(disabled.status()).toBe(200);
    expect(await disabled.json()).toEqual({ action: "disable", requested: 3, changedIds: ids });
    for (const id of ids) expect(userRow(id)!.status).toBe("disabled");

    const extended = await request.post("/api/v1/users/bulk", { headers: writer.headers, data: { action: "extend", ids: [ids[0], 999999999], days: 30 } });
    // Users who never expire stay so; the one with an expiry moves 30 days later.
    const extendedAgain = await request.post("/api/v1/users/bulk", { headers: writer.headers, data: { action: "extend", ids: [ids[1]], days: 30 } });
    expect(await extended.json()).toEqual({ action: "extend", requested: 2, changedIds: [ids[0]] });
    expect(await extendedAgain.json()).toEqual({ action: "extend", requested: 1, changedIds: [] });
    expect(userRow(ids[0]!)!.expires_at).toBe(Date.parse(expiresAt) + 30 * 86_400_000);
    expect(userRow(ids[1]!)!.expires_at).toBeNull();

    const before = ids.map(userRow);
    const tooMany = Array.from({ length: 1001 }, (_, index) => index + 1);
    const refusals: Array<[Row, string]> = [
      [{ action: "delete", ids: tooMany }, "ids"],
      [{ action: "extend", ids }, "days"],
      [{ action: "explode", ids }, "action"],
      [{ action: "delete", ids: [] }, "ids"],
      [{ action: "delete", ids: ["one"] }, "ids.0"],
      [{ action: "enable", ids, force: true }, "(input)"],
    ];
    for (const [data, field] of refusals) {
      const error = await expectError(await request.post("/api/v1/users/bulk", { headers: writer.headers, data }), 400, "invalid_request");
      expect(error.issues, JSON.stringify(data).slice(0, 80)).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
    expect(ids.map(userRow)).toEqual(before);
    expect(auditOf(writer).filter((entry) => entry.target === "users").map((entry) => entry.action)).toEqual(expect.arrayContaining(["user.bulk_disable", "user.bulk_extend"]));
    const bulkEntries = readDb((db) => db.prepare("SELECT action, details FROM audit_log WHERE actor = ? AND target = 'users' ORDER BY id").all(`api:${writer.name}`) as Array<{ action: string; details: string }>);
    expect(bulkEntries.map((entry) => [entry.action, JSON.parse(entry.details).ids])).toEqual(expect.arrayContaining([["user.bulk_disable", ids], ["user.bulk_extend", [ids[0]]]]));
  });

  test("creates, lists, patches, rotates and deletes a host, each change audited with the token's name", async ({ request }) => {
    const created = await createHost(request, { sni: "cdn.example.com" });
    expect(Object.keys(created).sort()).toEqual(HOST_KEYS);
    expect(created).toMatchObject({ address: "edge.example.com", port: 443, transport: "ws", security: "tls", sni: "cdn.example.com", pathPrefix: "/r/", rotationIntervalSeconds: 0, announceSeconds: 0, enabled: true });
    const stored = hostRow(created.id)!;
    expect(stored).toMatchObject({ name: created.name, port: 443, sni: "cdn.example.com" });

    const list = await (await request.get("/api/v1/hosts", { headers: reader.headers })).json();
    expect(list.nextCursor).toBeNull();
    expect(list.data).toContainEqual(created);
    expect(await (await request.get(`/api/v1/hosts/${created.id}`, { headers: reader.headers })).json()).toEqual(created);

    const patched = await request.patch(`/api/v1/hosts/${created.id}`, { headers: writer.headers, data: { port: 8443, enabled: false } });
    expect(patched.status(), await patched.text()).toBe(200);
    expect(await patched.json()).toEqual({ ...created, port: 8443, enabled: false });
    const unchanged = (row: Row) => ({ ...row, port: undefined, enabled: undefined, updated_at: undefined });
    expect(unchanged(hostRow(created.id)!)).toEqual(unchanged(stored));
    expect(hostRow(created.id)).toMatchObject({ port: 8443, enabled: 0 });

    // Rotate twice, then walk the host's history one entry per page: epochs 3, 2, 1 exactly once.
    for (const epoch of [2, 3]) {
      const rotated = await request.post(`/api/v1/hosts/${created.id}/rotate`, { headers: rotator.headers });
      expect(rotated.status(), await rotated.text()).toBe(200);
      expect((await rotated.json()).rotation).toMatchObject({ hostId: created.id, epoch, reason: "manual", actor: `api:${rotator.name}` });
    }
    const epochs: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: Array<{ epoch: number }>; nextCursor: string | null } = await (await request.get(`/api/v1/rotations?hostId=${created.id}&limit=1${cursor ? `&cursor=${cursor}` : ""}`, { headers: reader.headers })).json();
      expect(page.data).toHaveLength(1);
      expect(Object.keys(page.data[0]!).sort()).toEqual(["actor", "at", "epoch", "fromPath", "hostId", "hostName", "id", "reason", "toPath"]);
      epochs.push(page.data[0]!.epoch);
      cursor = page.nextCursor;
    } while (cursor);
    expect(epochs).toEqual([3, 2, 1]);
    await expectError(await request.get("/api/v1/rotations?cursor=bogus", { headers: reader.headers }), 400, "invalid_request");
    await expectError(await request.get("/api/v1/rotations?limit=500", { headers: reader.headers }), 400, "invalid_request");

    const deleted = await request.delete(`/api/v1/hosts/${created.id}`, { headers: writer.headers });
    expect(deleted.status()).toBe(204);
    expect(hostRow(created.id)).toBeUndefined();
    await expectError(await request.get(`/api/v1/hosts/${created.id}`, { headers: reader.headers }), 404, "not_found");
    await expectError(await request.get(`/api/v1/hosts/${created.id}/state`, { headers: reader.headers }), 404, "not_found");

    const target = `host:${created.id}`;
    expect(auditOf(writer).filter((entry) => entry.target === target).map((entry) => entry.action)).toEqual(["host.create", "host.update", "host.disable", "host.delete"]);
  });

  test("refuses bad host input with 400, unknown hosts with 404 and taken names with 409, changing nothing", async ({ request }) => {
    const hostWriter = createToken("apiv1-host-writer", "write");
    const first = await createHost(request, {}, hostWriter);
    const second = await createHost(request, {}, hostWriter);
    const before = [hostRow(first.id), hostRow(second.id)];
    const json = { ...hostWriter.headers, "content-type": "application/json" };
    const cases: Array<[string, () => Promise<APIResponse>, number, string, string?]> = [
      ["malformed JSON", () => request.post("/api/v1/hosts", { headers: json, data: "{name" }), 400, "invalid_request"],
      ["a port out of range", () => request.post("/api/v1/hosts", { headers: hostWriter.headers, data: hostBody({ port: 70000 }) }), 400, "invalid_request", "port"],
      ["a port as text", () => request.patch(`/api/v1/hosts/${first.id}`, { headers: hostWriter.headers, data: { port: "443" } }), 400, "invalid_request", "port"],
      ["an unknown transport", () => request.post("/api/v1/hosts", { headers: hostWriter.headers, data: hostBody({ transport: "tcp" }) }), 400, "invalid_request", "transport"],
      ["an unknown field", () => request.patch(`/api/v1/hosts/${first.id}`, { headers: hostWriter.headers, data: { colour: "red" } }), 400, "invalid_request"],
      ["REALITY on ws, by the merged host", () => request.patch(`/api/v1/hosts/${first.id}`, { headers: hostWriter.headers, data: { security: "reality", realityPublicKey: "a".repeat(43) } }), 400, "invalid_request", "security"],
      ["a malformed id", () => request.get("/api/v1/hosts/0", { headers: reader.headers }), 400, "invalid_request", "id"],
      ["an unknown host (GET)", () => request.get("/api/v1/hosts/999999999", { headers: reader.headers }), 404, "not_found"],
      ["an unknown host (PATCH)", () => request.patch("/api/v1/hosts/999999999", { headers: hostWriter.headers, data: { port: 1 } }), 404, "not_found"],
      ["an unknown host (DELETE)", () => request.delete("/api/v1/hosts/999999999", { headers: hostWriter.headers }), 404, "not_found"],
      ["a taken name on create", () => request.post("/api/v1/hosts", { headers: hostWriter.headers, data: hostBody({ name: first.name }) }), 409, "conflict", "name"],
      ["a taken name on PATCH", () => request.patch(`/api/v1/hosts/${second.id}`, { headers: hostWriter.headers, data: { name: first.name } }), 409, "conflict", "name"],
    ];
    for (const [name, send, status, code, field] of cases) {
      const error = await test.step(name, async () => expectError(await send(), status, code));
      if (field) expect(error.issues, name).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
    expect([hostRow(first.id), hostRow(second.id)]).toEqual(before);
    // Other specs may add hosts meanwhile, so count what this token did: only the two creates.
    expect(auditOf(hostWriter).map((entry) => entry.action)).toEqual(["host.create", "host.create"]);
  });
});
