import { expect, test } from "@playwright/test";
import { rotorCli } from "./support/environment";

/** Seeds a host and tokens through the CLI, as an operator would. */
function seed(announce: string) {
  const name = `api-host-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
  const hostId = Number(rotorCli(["host:add", "--name", name, "--address", "edge.example.com", "--port", "443", "--transport", "ws", "--security", "tls", "--path-prefix", "/r/", "--announce", announce]).at(-1)!.replace("id: ", ""));
  const rotateToken = rotorCli(["token:create", "--name", `rotator-${name}`, "--scopes", "read,rotate"]).at(-1)!;
  const readToken = rotorCli(["token:create", "--name", `reader-${name}`, "--scopes", "read"]).at(-1)!;
  return { hostId, rotate: { Authorization: `Bearer ${rotateToken}` }, read: { Authorization: `Bearer ${readToken}` } };
}

test.describe("rotation API", () => {
  test("reads a host's live state and rotates it", async ({ request }) => {
    const { hostId, rotate, read } = seed("0");
    // The CLI wrote the host's first state from another process; the server's snapshot follows.
    await expect.poll(async () => (await request.get(`/api/v1/hosts/${hostId}/state`, { headers: read })).status()).toBe(200);
    const before = await (await request.get(`/api/v1/hosts/${hostId}/state`, { headers: read })).json();
    expect(Object.keys(before).sort()).toEqual(["accepted", "epoch", "hostId", "next", "nextRotationAt", "path", "rotatedAt"]);
    expect(before).toMatchObject({ hostId, epoch: 1, accepted: [before.path, before.next] });
    expect(before.path).toMatch(/^\/r\/[A-Za-z0-9]{22}$/);

    const rotated = await request.post(`/api/v1/hosts/${hostId}/rotate`, { headers: rotate });
    expect(rotated.status()).toBe(200);
    const body = await rotated.json();
    expect(body.rotation).toEqual({
      hostId, epoch: 2, fromPath: before.path, toPath: before.next, at: body.state.rotatedAt, reason: "manual", actor: expect.stringMatching(/^api:rotator-/),
    });
    expect(body.state).toMatchObject({ epoch: 2, path: before.next, accepted: [before.next, body.state.next, before.path] });

    await expect.poll(async () => (await (await request.get(`/api/v1/hosts/${hostId}/state`, { headers: read })).json()).epoch).toBe(2);
  });

  test("answers a rotation within the announce window with 409 and Retry-After", async ({ request }) => {
    const { hostId, rotate } = seed("10s");
    const response = await request.post(`/api/v1/hosts/${hostId}/rotate`, { headers: rotate });
    expect(response.status()).toBe(409);
    expect(Number(response.headers()["retry-after"])).toBeGreaterThan(0);
    expect(await response.json()).toMatchObject({ error: { code: "too_soon", retryAfterSeconds: expect.any(Number) } });
  });

  test("refuses missing, wrong and under-scoped tokens, bad ids and unknown hosts with JSON errors", async ({ request }) => {
    const { hostId, read, rotate } = seed("0");
    const cases: Array<[string, "get" | "post", Record<string, string>, number, string]> = [
      [`/api/v1/hosts/${hostId}/rotate`, "post", {}, 401, "unauthorized"],
      [`/api/v1/hosts/${hostId}/rotate`, "post", { Authorization: "Bearer rtr_wrong" }, 401, "unauthorized"],
      [`/api/v1/hosts/${hostId}/rotate`, "post", read, 403, "forbidden"],
      [`/api/v1/hosts/abc/rotate`, "post", rotate, 400, "invalid_request"],
      [`/api/v1/hosts/0/state`, "get", read, 400, "invalid_request"],
      [`/api/v1/hosts/99999/rotate`, "post", rotate, 404, "not_found"],
      [`/api/v1/hosts/99999/state`, "get", read, 404, "not_found"],
    ];
    for (const [path, method, headers, status, code] of cases) {
      const response = await request[method](path, { headers });
      expect(response.status(), `${method} ${path}`).toBe(status);
      expect(response.headers()["content-type"]).toContain("application/json");
      expect(await response.json()).toMatchObject({ error: { code, message: expect.any(String) } });
    }
  });
});
