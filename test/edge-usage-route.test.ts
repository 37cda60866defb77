import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createEdgeNode } from "@/lib/edge/edge-nodes";
import { edgeUserEmail } from "@/lib/edge/edge-users";
import { MAX_USAGE_BODY_BYTES } from "@/lib/usage/schema";
import { createUser } from "@/lib/users/create-user";
import { createTempDb, type TempDb } from "@/test/support/temp-db";

let temp: TempDb;
vi.mock(import("@/lib/db/client"), async (importOriginal) => ({ ...(await importOriginal()), getDb: () => temp.db }));
const { POST } = await import("@/app/api/edge/usage/route");

let token: string;
beforeEach(() => {
  temp = createTempDb();
  token = createEdgeNode(temp.db, { name: "edge-1" }, { actor: "test" }).token;
});
afterEach(() => temp.close());

function post(body: string, headers: Record<string, string> = {}) {
  return POST(new Request("http://panel.test/api/edge/usage", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers }, body }));
}

describe("POST /api/edge/usage", () => {
  it("answers {reportId, duplicate, counted}, then duplicate for the same id", async () => {
    const alice = createUser(temp.db, { username: "alice" }, { actor: "test" }).id;
    const body = JSON.stringify({ reportId: "report-0001", users: [{ email: edgeUserEmail(alice), uplinkBytes: 1, downlinkBytes: 2 }] });
    const first = await post(body);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("no-store");
    expect(await first.json()).toEqual({ reportId: "report-0001", duplicate: false, counted: 1 });
    expect(await (await post(body)).json()).toEqual({ reportId: "report-0001", duplicate: true, counted: 0 });
  });

  it("takes a report of 10,000 entries, beyond the 256 KiB other bodies are held to", async () => {
    const users = Array.from({ length: 10_000 }, (_, index) => ({ email: edgeUserEmail(index + 1_000_000), uplinkBytes: 9_007_199_254_740_991, downlinkBytes: 9_007_199_254_740_991 }));
    const body = JSON.stringify({ reportId: "big-report-1", users });
    expect(body.length).toBeGreaterThan(256 * 1024);
    const response = await post(body);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ reportId: "big-report-1", duplicate: false, counted: 0 });
  });

  it.each([
    ["no token", "{}", { authorization: "" }, 401, "unauthorized", undefined],
    ["an unknown token", "{}", { authorization: "Bearer rte_nope" }, 401, "unauthorized", undefined],
    ["not JSON", "{", {}, 400, "invalid_request", undefined],
    ["another content type", "reportId=x", { "content-type": "text/plain" }, 400, "invalid_request", undefined],
    ["a bad reportId", JSON.stringify({ reportId: "x", users: [] }), {}, 400, "invalid_request", "reportId"],
    ["a missing users list", JSON.stringify({ reportId: "report-0001" }), {}, 400, "invalid_request", "users"],
    ["bytes as a string", JSON.stringify({ reportId: "report-0001", users: [{ email: "user-1@rotor", uplinkBytes: "1", downlinkBytes: 0 }] }), {}, 400, "invalid_request", "users.0.uplinkBytes"],
    ["a body over 2 MiB", JSON.stringify({ reportId: "report-0001", users: [], pad: "x".repeat(MAX_USAGE_BODY_BYTES) }), {}, 400, "invalid_request", undefined],
  ])("refuses %s with %i and the error shape", async (_label, body, headers, status, code, field) => {
    const response = await post(body, headers);
    expect(response.status).toBe(status);
    const answer = (await response.json()) as { error: { code: string; message: string; issues?: Array<{ field: string }> } };
    expect(answer.error).toMatchObject({ code, message: expect.any(String) });
    if (field) expect(answer.error.issues?.map((issue) => issue.field)).toContain(field);
  });
});
