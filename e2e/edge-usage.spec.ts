import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { createToken, readDb, uniqueName, type ApiToken } from "./support/api-v1";
import { E2E_OWNER, rotorCli } from "./support/environment";
import { signIn } from "./support/sign-in";

interface UserJson {
  id: number;
  username: string;
  status: string;
  usedBytes: number;
  dataLimitBytes: number | null;
  lifetimeBytes: number;
  onlineAt: string | null;
  subscriptionUrl: string;
}

/** Our own address for /sub, so other specs' unknown-token requests never rate-limit ours. */
const clientIp = `198.51.100.${1 + (randomBytes(1)[0]! % 250)}`;
const CLIENT = { "User-Agent": "v2rayNG/1.9.45", "X-Real-IP": clientIp };

let writer: ApiToken;
let edge: Record<string, string>;

test.beforeAll(() => {
  writer = createToken("usage-writer", "read,write");
  edge = { Authorization: `Bearer ${rotorCli(["edge:add", "--name", uniqueName("usage-edge")]).at(-1)!}` };
  // /sub renders only hosts with a live path; one of our own makes the profile non-empty.
  rotorCli(["host:add", "--name", uniqueName("usage-host"), "--address", "usage.example.com", "--port", "443", "--transport", "ws", "--security", "tls"]);
});

async function createUser(request: APIRequestContext, fields: Record<string, unknown> = {}): Promise<UserJson> {
  const response = await request.post("/api/v1/users", { headers: writer.headers, data: { username: uniqueName("us").slice(0, 32), ...fields } });
  expect(response.status(), await response.text()).toBe(201);
  return response.json();
}

const getUser = async (request: APIRequestContext, id: number): Promise<UserJson> => (await request.get(`/api/v1/users/${id}`, { headers: writer.headers })).json();
const reportId = () => `r-${randomBytes(8).toString("hex")}`;

async function postUsage(request: APIRequestContext, id: string, users: Array<[number, number, number]>, readAt?: Date) {
  const response = await request.post("/api/edge/usage", {
    headers: edge,
    data: { reportId: id, readAt: readAt?.toISOString(), users: users.map(([userId, uplinkBytes, downlinkBytes]) => ({ email: `user-${userId}@rotor`, uplinkBytes, downlinkBytes })) },
  });
  expect(response.status(), await response.text()).toBe(200);
  return response.json() as Promise<{ reportId: string; duplicate: boolean; counted: number }>;
}

const edgeEmails = async (request: APIRequestContext) => ((await (await request.get("/api/edge/users", { headers: edge })).json()) as { users: Array<{ email: string }> }).users.map((user) => user.email);

test.describe("POST /api/edge/usage", () => {
  test("counts duplicated and out-of-order reports once; the API and /sub show the exact figures", async ({ request }) => {
    const user = await createUser(request, { dataLimitBytes: 10_000_000 });
    const subPath = new URL(user.subscriptionUrl).pathname;
    const first = await request.get(subPath, { headers: CLIENT });
    expect(first.status()).toBe(200);
    expect(first.headers()["subscription-userinfo"]).toBe("upload=0; download=0; total=10000000; expire=0");
    const firstTag = first.headers().etag!;

    const a = reportId();
    const b = reportId();
    expect(await postUsage(request, b, [[user.id, 300, 4000]])).toEqual({ reportId: b, duplicate: false, counted: 1 });
    expect(await postUsage(request, a, [[user.id, 100, 2000], [999_999_999, 5, 5]])).toEqual({ reportId: a, duplicate: false, counted: 1 });
    expect(await postUsage(request, b, [[user.id, 300, 4000]])).toEqual({ reportId: b, duplicate: true, counted: 0 });
    expect(await postUsage(request, a, [[user.id, 100, 2000]])).toEqual({ reportId: a, duplicate: true, counted: 0 });

    const read = await getUser(request, user.id);
    expect(read).toMatchObject({ status: "active", usedBytes: 6400, lifetimeBytes: 6400, onlineAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    const stored = readDb((db) => db.prepare("SELECT upload_bytes, download_bytes, version FROM users WHERE id = ?").get(user.id));
    // Traffic alone leaves version (and so the user's part of the ETag's input) as it was.
    expect(stored).toEqual({ upload_bytes: 400, download_bytes: 6000, version: 1 });

    // A client revalidating with the ETag it holds still learns the new figures.
    const revalidated = await request.get(subPath, { headers: { ...CLIENT, "If-None-Match": firstTag } });
    expect(revalidated.status()).toBe(200);
    expect(revalidated.headers().etag).not.toBe(firstTag);
    expect(revalidated.headers()["subscription-userinfo"]).toBe("upload=400; download=6000; total=10000000; expire=0");
    const again = await request.get(subPath, { headers: { ...CLIENT, "If-None-Match": revalidated.headers().etag! } });
    expect([200, 304]).toContain(again.status()); // 200 only if another spec rotated a host in between
    expect(again.headers()["subscription-userinfo"]).toBe("upload=400; download=6000; total=10000000; expire=0");
  });

  test("crossing the limit stores limited and removes the user from GET /api/edge/users", async ({ request }) => {
    const user = await createUser(request, { dataLimitBytes: 1000 });
    const email = `user-${user.id}@rotor`;
    expect(await edgeEmails(request)).toContain(email);

    await postUsage(request, reportId(), [[user.id, 400, 500]]);
    expect((await getUser(request, user.id)).status).toBe("active");
    await postUsage(request, reportId(), [[user.id, 0, 100]]);

    expect(await getUser(request, user.id)).toMatchObject({ status: "limited", usedBytes: 1000 });
    expect(readDb((db) => db.prepare("SELECT status, version FROM users WHERE id = ?").get(user.id))).toEqual({ status: "limited", version: 2 });
    expect(readDb((db) => db.prepare("SELECT actor, action FROM audit_log WHERE target = ? AND action = 'user.limited'").all(`user:${user.id}`))).toEqual([
      { actor: "system:usage", action: "user.limited" },
    ]);
    expect(await edgeEmails(request)).not.toContain(email);
    const sub = await request.get(new URL(user.subscriptionUrl).pathname, { headers: CLIENT });
    expect(sub.status()).toBe(403);
  });

  test("starts an on-hold user's expiry at the first traffic", async ({ request }) => {
    const user = await createUser(request, { onHoldSeconds: 86_400 });
    expect(user).toMatchObject({ onHoldSeconds: 86_400, expiresAt: null });
    const subPath = new URL(user.subscriptionUrl).pathname;
    expect((await request.get(subPath, { headers: CLIENT })).headers()["subscription-userinfo"]).toMatch(/expire=0$/);
    expect(await (await request.get(`${subPath}/html`, { headers: { "X-Real-IP": clientIp } })).text()).toContain("1d after your first connection");
    const before = Date.now();
    await postUsage(request, reportId(), [[user.id, 1, 1]]);
    const started = await getUser(request, user.id);
    expect(started).toMatchObject({ onHoldSeconds: null, status: "active" });
    const expiresAt = Date.parse((started as unknown as { expiresAt: string }).expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 86_400_000 - 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 86_400_000 + 1000);
    expect((await request.get(subPath, { headers: CLIENT })).headers()["subscription-userinfo"]).toBe(`upload=1; download=1; total=0; expire=${Math.floor(expiresAt / 1000)}`);
  });

  test("refuses malformed bodies with 400 and missing or unknown tokens with 401", async ({ request }) => {
    const json = { ...edge, "content-type": "application/json" };
    const cases: Array<[string, Record<string, string>, string, number, string, string?]> = [
      ["no token", { "content-type": "application/json" }, JSON.stringify({ reportId: reportId(), users: [] }), 401, "unauthorized"],
      ["an unknown token", { Authorization: "Bearer rte_unknown", "content-type": "application/json" }, JSON.stringify({ reportId: reportId(), users: [] }), 401, "unauthorized"],
      ["malformed JSON", json, '{"reportId": "abc', 400, "invalid_request"],
      ["no reportId", json, JSON.stringify({ users: [] }), 400, "invalid_request", "reportId"],
      ["a bad reportId", json, JSON.stringify({ reportId: "no spaces allowed", users: [] }), 400, "invalid_request", "reportId"],
      ["negative bytes", json, JSON.stringify({ reportId: reportId(), users: [{ email: "user-1@rotor", uplinkBytes: -1, downlinkBytes: 0 }] }), 400, "invalid_request", "users.0.uplinkBytes"],
      ["an unknown field", json, JSON.stringify({ reportId: reportId(), users: [], total: 1 }), 400, "invalid_request"],
      ["a form body", { ...edge, "content-type": "application/x-www-form-urlencoded" }, "reportId=abcdefgh", 400, "invalid_request"],
    ];
    for (const [name, headers, body, status, code, field] of cases) {
      const response = await request.post("/api/edge/usage", { headers, data: body });
      expect(response.status(), name).toBe(status);
      const answer = await response.json();
      expect(answer, name).toMatchObject({ error: { code, message: expect.any(String) } });
      if (field) expect(answer.error.issues, name).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
  });

  test("the admin UI shows usage, and Reset traffic re-enables a limited user", async ({ page, request }) => {
    const user = await createUser(request, { dataLimitBytes: 1000, resetStrategy: "monthly" });
    await postUsage(request, reportId(), [[user.id, 200, 900]]);
    expect((await getUser(request, user.id)).status).toBe("limited");

    await signIn(page, E2E_OWNER);
    await page.goto(`/users?search=${encodeURIComponent(user.username)}`);
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: user.username, exact: true }) });
    await expect(row.getByText("1.1 KB / 1 KB")).toBeVisible();
    await expect(row.getByRole("progressbar", { name: `Traffic used by ${user.username}` })).toHaveAttribute("aria-valuenow", "100");
    await row.getByRole("link", { name: user.username, exact: true }).click();

    const usage = page.getByRole("region", { name: "Usage" });
    await expect(usage.getByText("1.1 KB of 1 KB")).toBeVisible();
    await expect(usage.getByText("↑ upload 200 B · ↓ download 900 B")).toBeVisible();
    await expect(usage.getByText("monthly (the 1st)")).toBeVisible();
    await expect(usage.getByText(/^next at \d{4}-\d\d-01 00:00/)).toBeVisible();
    await expect(page.locator("main").getByText("limited", { exact: true })).toBeVisible();

    const readBeforeReset = new Date();
    await page.getByRole("button", { name: "Reset traffic" }).click();
    const dialog = page.getByRole("dialog", { name: `Reset the traffic of ${user.username}?` });
    await dialog.getByRole("button", { name: "Reset traffic" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Traffic reset to 0." })).toBeVisible();
    await expect(usage.getByText("0 B of 1 KB")).toBeVisible();
    await expect(page.locator("main").getByText("active", { exact: true })).toBeVisible();

    expect(await getUser(request, user.id)).toMatchObject({ status: "active", usedBytes: 0, lifetimeBytes: 1100 });
    expect(await edgeEmails(request)).toContain(`user-${user.id}@rotor`);
    // Traffic read before the reset but delivered after it belongs to the closed period.
    expect(await postUsage(request, reportId(), [[user.id, 500, 500]], readBeforeReset)).toMatchObject({ counted: 1 });
    expect(await getUser(request, user.id)).toMatchObject({ status: "active", usedBytes: 0, lifetimeBytes: 2100 });
    expect(readDb((db) => db.prepare("SELECT actor FROM audit_log WHERE target = ? AND action = 'user.traffic_reset'").all(`user:${user.id}`))).toEqual([
      { actor: `admin:${E2E_OWNER.username}` },
    ]);
  });

  test("the user form takes a reset strategy and a hold, refusing a hold next to an expiry date", async ({ page }) => {
    const username = uniqueName("form").slice(0, 32);
    await signIn(page, E2E_OWNER);
    await page.goto("/users/new");
    await page.getByLabel("Username").fill(username);
    await page.getByLabel("Traffic reset").selectOption("weekly");
    await page.getByLabel("Expires").fill("2030-12-31");
    await page.getByLabel("On hold").fill("30d");
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByLabel("On hold")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("On hold")).toHaveAccessibleDescription(/cannot be combined with an expiry date/);

    await page.getByLabel("Expires").fill("");
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByRole("heading", { level: 1, name: username })).toBeVisible();
    const usage = page.getByRole("region", { name: "Usage" });
    await expect(usage.getByText("on hold: 30d from the first connection")).toBeVisible();
    await expect(usage.getByText("weekly (Monday)")).toBeVisible();
    await expect(page.locator("main").getByText("on hold", { exact: true })).toBeVisible();
    expect(readDb((db) => db.prepare("SELECT reset_strategy, on_hold_seconds, expires_at FROM users WHERE username = ?").get(username))).toEqual({
      reset_strategy: "weekly",
      on_hold_seconds: 2_592_000,
      expires_at: null,
    });

    // Editing: a date given to an on-hold user ends the hold.
    await page.getByLabel("Expires").fill("2031-01-31");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    await expect(usage.getByText(/^2031-01-31/)).toBeVisible();
    expect(readDb((db) => db.prepare("SELECT on_hold_seconds FROM users WHERE username = ?").get(username))).toEqual({ on_hold_seconds: null });
  });

  test("a viewer sees usage but no Reset traffic button", async ({ page, request }) => {
    const user = await createUser(request);
    const viewer = { username: uniqueName("viewer").slice(0, 32), password: "viewer-password-123" };
    rotorCli(["admin:create", "--username", viewer.username, "--role", "viewer", "--password-stdin"], `${viewer.password}\n`);
    await signIn(page, viewer);
    await page.goto(`/users/${user.id}`);
    await expect(page.getByRole("region", { name: "Usage" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Reset traffic" })).toHaveCount(0);
  });
});
