import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startAppServer } from "./support/app-server";
import { pickFreePort, rotorCommand } from "./support/environment";

/** A server of its own with a tiny ROTOR_API_RATE_LIMIT, so the limit is met in a few requests. */
test("an API token over ROTOR_API_RATE_LIMIT gets 429 with Retry-After; other tokens and tokenless callers are not affected", async ({ request }) => {
  const dir = mkdtempSync(path.join(tmpdir(), "rotor-ratelimit-"));
  const env = { DATABASE_PATH: path.join(dir, "rotor.db"), ROTOR_API_RATE_LIMIT: "5" };
  const createToken = (name: string) => {
    const [binary, args] = rotorCommand(["token:create", "--name", name, "--scopes", "read"]);
    return execFileSync(binary, args, { env: { ...process.env, ...env }, encoding: "utf8" }).trimEnd().split("\n").at(-1)!;
  };
  const busy = createToken("busy-bot");
  const calm = createToken("calm-bot");
  const server = await startAppServer(request, pickFreePort(), env);
  const listUsers = (token?: string) => request.get(`${server.url}/api/v1/users`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  try {
    for (let attempt = 1; attempt <= 5; attempt += 1) expect((await listUsers(busy)).status()).toBe(200);

    const refused = await listUsers(busy);
    expect(refused.status()).toBe(429);
    const retryAfter = Number(refused.headers()["retry-after"]);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused.json()).toEqual({
      error: { code: "rate_limited", message: `the API token 'busy-bot' made more than 5 requests this minute; retry in ${retryAfter} s`, retryAfterSeconds: retryAfter },
    });

    // Counted per token: another token still gets through, and a caller without one hears 401.
    expect((await listUsers(calm)).status()).toBe(200);
    expect((await listUsers()).status()).toBe(401);
    // Every operation is documented with the 429 it may answer.
    const document = (await (await request.get(`${server.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(document.paths["/api/v1/users"]!.get!.responses["429"]).toBeDefined();
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
