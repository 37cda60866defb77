import { expect, test, type APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { createToken, readDb, uniqueName, type ApiToken } from "./support/api-v1";

/**
 * Random JSON and junk thrown at every route that takes a body: never a 5xx, always the error
 * shape on a refusal, and a refused request leaves no trace (no audit entry for the token, the
 * target row unchanged). Specs share the database, so "no trace" is checked on what this spec
 * owns rather than on whole tables.
 */

const USER_FIELDS = ["username", "status", "dataLimitBytes", "expiresAt", "note", "resetStrategy", "onHoldSeconds"];
const HOST_FIELDS = ["name", "address", "port", "transport", "security", "sni", "hostHeader", "fingerprint", "alpn", "pathPrefix", "rotationIntervalSeconds", "graceSeconds", "announceSeconds", "enabled"];
const RUNS = 40;

/** Values of the wrong type, the right type gone wrong, and nesting. */
const junkValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ maxLength: 40 }),
  fc.constantFrom(-1, 0, 1.5, 2 ** 53, -(2 ** 63), "", " ", "null", "true", "[]", "{}", "2027-13-45T99:00:00Z", "\u0000", "\ud800", "<script>", "' OR 1=1 --"),
  fc.nat(300_000).map((length) => "x".repeat(length)),
);

/** A JSON body: any JSON at all, or an object of the route's own field names with junk values. */
function bodyOf(fields: string[]) {
  const record = fc.dictionary(fc.oneof(fc.constantFrom(...fields), fc.string({ maxLength: 12 })), junkValue, { maxKeys: 6 });
  return fc.oneof(
    fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
    record.map((value) => JSON.stringify(value)),
    fc.string({ maxLength: 200 }), // mostly not JSON at all
    fc.constantFrom("", "{", '{"a":', "[1,2", "nul", '{"username": "x"}}', "\u00ff\u00fe"),
  );
}

/**
 * Anything but the id of a user that may exist: other specs' users share the database, and a
 * bulk delete that happened to be valid must not reach them.
 */
const notAnId = fc.oneof(
  fc.integer({ min: 10 ** 12, max: 10 ** 13 }),
  fc.integer({ max: 0 }),
  fc.double({ noNaN: true }).filter((value) => !Number.isInteger(value)),
  fc.string({ maxLength: 20 }).filter((text) => !/^\s*\d+\s*$/.test(text)),
  fc.constantFrom(null, true, [], {}, "1e3", "0x10"),
);

/** Bulk commands that look right but name no user, so an accepted one changes nothing. */
const bulkCommand = fc.record(
  {
    action: fc.oneof(fc.constantFrom("enable", "disable", "delete", "extend", "reset_token"), junkValue),
    ids: fc.oneof(
      fc.array(notAnId, { maxLength: 20 }),
      fc.constant(Array.from({ length: 1001 }, (_, index) => 10 ** 12 + index)),
      junkValue.filter((value) => !Array.isArray(value)),
    ),
    days: junkValue,
  },
  { requiredKeys: [] },
);

/** Bodies for the bulk route: never an object with a valid action and a small id in `ids`. */
const bulkBody = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).filter((value) => !(value && typeof value === "object" && "ids" in value)).map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200 }),
  bulkCommand.map((value) => JSON.stringify(value)),
);

interface Target {
  name: string;
  method: "POST" | "PATCH";
  url: () => string;
  body: fc.Arbitrary<string>;
  /** The row a refused request must leave as it was. */
  row?: () => unknown;
  /** For a create: the rows named as the body names the new one (none may appear on a refusal). */
  named?: (body: string) => unknown;
}

/** The string `field` of a JSON object body, if it has one. */
function stringField(body: string, field: string): string | undefined {
  try {
    const value = (JSON.parse(body) as Record<string, unknown> | null)?.[field];
    return typeof value === "string" ? value.trim() : undefined;
  } catch {
    return undefined;
  }
}

let writer: ApiToken;
let userId: number;
let hostId: number;

async function seed(request: APIRequestContext) {
  writer = createToken("apiv1-fuzz", "write");
  const user = await request.post("/api/v1/users", { headers: writer.headers, data: { username: uniqueName("fz") } });
  userId = (await user.json()).id;
  const host = await request.post("/api/v1/hosts", {
    headers: writer.headers,
    data: { name: uniqueName("fuzz-host"), address: "fuzz.example.com", port: 443, transport: "ws", security: "tls", rotationIntervalSeconds: 0 },
  });
  hostId = (await host.json()).id;
}

const auditCount = () => readDb((db) => (db.prepare("SELECT count(*) AS n FROM audit_log WHERE actor = ?").get(`api:${writer.name}`) as { n: number }).n);
const userRow = () => readDb((db) => db.prepare("SELECT * FROM users WHERE id = ?").get(userId));
const hostRow = () => readDb((db) => db.prepare("SELECT * FROM hosts WHERE id = ?").get(hostId));

function namedRows(table: "users" | "hosts", column: "username" | "name", field: string) {
  return (body: string) => {
    const name = stringField(body, field);
    return name === undefined ? null : readDb((db) => db.prepare(`SELECT id FROM ${table} WHERE ${column} = ?`).all(name));
  };
}

const TARGETS: Target[] = [
  { name: "POST /users", method: "POST", url: () => "/api/v1/users", body: bodyOf(USER_FIELDS), named: namedRows("users", "username", "username") },
  { name: "PATCH /users/{id}", method: "PATCH", url: () => `/api/v1/users/${userId}`, body: bodyOf(USER_FIELDS), row: userRow },
  { name: "POST /users/bulk", method: "POST", url: () => "/api/v1/users/bulk", body: bulkBody },
  { name: "POST /hosts", method: "POST", url: () => "/api/v1/hosts", body: bodyOf(HOST_FIELDS), named: namedRows("hosts", "name", "name") },
  { name: "PATCH /hosts/{id}", method: "PATCH", url: () => `/api/v1/hosts/${hostId}`, body: bodyOf(HOST_FIELDS), row: hostRow },
];

test.describe("/api/v1 under random input", () => {
  test.beforeAll(async ({ request }) => seed(request));

  for (const target of TARGETS) {
    test(`${target.name} answers junk with a 4xx error and writes nothing`, async ({ request }) => {
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(target.body, async (body) => {
          const snapshot = () => ({ audit: auditCount(), row: target.row?.(), named: target.named?.(body) });
          const before = snapshot();
          const response = await request.fetch(target.url(), {
            method: target.method,
            headers: { ...writer.headers, "content-type": "application/json" },
            data: body,
          });
          const status = response.status();
          expect(status, body.slice(0, 200)).toBeLessThan(500);
          expect(response.headers()["content-type"]).toContain("application/json");
          const answer = await response.json();
          if (status < 400) return; // junk that happens to be a valid request may be applied
          refused += 1;
          expect(answer).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) });
          expect(snapshot()).toEqual(before);
        }),
        { numRuns: RUNS },
      );
      // The generators are meant to be refused nearly always; a run that was mostly accepted tested little.
      expect(refused).toBeGreaterThan(RUNS / 2);
    });
  }

  test("ids that are not ids or name no one are refused on every route with an {id}, and nothing is deleted", async ({ request }) => {
    const routes: Array<[string, string]> = [
      ["GET", "/api/v1/users/%"], ["PATCH", "/api/v1/users/%"], ["DELETE", "/api/v1/users/%"], ["POST", "/api/v1/users/%/reset-token"], ["POST", "/api/v1/users/%/reset-traffic"],
      ["GET", "/api/v1/hosts/%"], ["PATCH", "/api/v1/hosts/%"], ["DELETE", "/api/v1/hosts/%"], ["POST", "/api/v1/hosts/%/rotate"], ["GET", "/api/v1/hosts/%/state"],
    ];
    const admin = createToken("apiv1-fuzz-admin", "admin");
    // Any string except a small positive id, which could be another spec's user or host.
    const id = fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), fc.constantFrom("0", "007", "-1", "1e3", "0x10", "1.0", "99999999999999999999", "%00")).filter((text) => !/^[1-9]\d{0,11}$/.test(text));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), id, async ([method, pattern], raw) => {
        const response = await request.fetch(pattern.replace("%", encodeURIComponent(raw)), { method, headers: admin.headers, data: method === "PATCH" ? { note: "x" } : undefined });
        expect(response.status(), `${method} ${raw}`).toBeGreaterThanOrEqual(400);
        expect(response.status(), `${method} ${raw}`).toBeLessThan(500);
        const contentType = response.headers()["content-type"] ?? "";
        // A path that reaches no route of ours ("..", or "bulk" with the wrong method) is Next's own 404 or 405.
        if (contentType.includes("application/json")) expect(await response.json()).toMatchObject({ error: { code: expect.any(String) } });
        else expect([404, 405]).toContain(response.status());
      }),
      { numRuns: 50 },
    );
    const audited = readDb((db) => (db.prepare("SELECT count(*) AS n FROM audit_log WHERE actor = ?").get(`api:${admin.name}`) as { n: number }).n);
    expect(audited).toBe(0);
  });
});
