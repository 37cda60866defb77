import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { parse } from "yaml";
import { E2E_DATABASE_PATH, rotorCli } from "./support/environment";

/** A host (rotatable at once) and a user of it, created through the CLI as an operator would. */
function seed(userFlags: string[] = []) {
  const suffix = `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
  const hostId = Number(
    rotorCli(["host:add", "--name", `sub-${suffix}`, "--address", "edge.example.com", "--port", "443", "--transport", "ws", "--security", "tls", "--path-prefix", "/e2e/", "--announce", "0", "--interval", "0"])
      .at(-1)!
      .replace("id: ", ""),
  );
  const url = rotorCli(["user:add", "--username", `u-${suffix}`, ...userFlags]).at(-1)!;
  return { hostId, url, path: new URL(url).pathname, username: `u-${suffix}` };
}

function currentPath(hostId: number): string {
  return JSON.parse(rotorCli(["state", "--host", String(hostId), "--json"]).join("\n")).path;
}

/** The link for one host out of a decoded base64 subscription (other tests' hosts are in it too). */
function linkFor(body: string, hostPath: string): string | undefined {
  return Buffer.from(body, "base64").toString("utf8").split("\n").find((line) => line.includes(encodeURIComponent(hostPath)));
}

test.describe("subscription endpoint", () => {
  test("serves v2rayNG the host's current path, and a rotation changes the body and the ETag", async ({ request }) => {
    const { hostId, path } = seed();
    const before = currentPath(hostId);
    const first = await request.get(path, { headers: { "User-Agent": "v2rayNG/1.9.45" } });
    expect(first.status()).toBe(200);
    expect(linkFor(await first.text(), before)).toMatch(/^vless:\/\/[0-9a-f-]{36}@edge\.example\.com:443\?encryption=none&type=ws&path=/);
    const etag = first.headers()["etag"]!;
    expect(first.headers()["cache-control"]).toBe("private, no-cache");
    // 12 h by default, shortened by any host (other tests' too) that rotates sooner.
    expect(Number(first.headers()["profile-update-interval"])).toBeGreaterThanOrEqual(1);
    expect(Number(first.headers()["profile-update-interval"])).toBeLessThanOrEqual(12);
    expect(first.headers()["subscription-userinfo"]).toBe("upload=0; download=0; total=0; expire=0");

    expect((await request.get(path, { headers: { "User-Agent": "v2rayNG/1.9.45", "If-None-Match": etag } })).status()).toBe(304);

    rotorCli(["rotate", "--host", String(hostId)]);
    const after = currentPath(hostId);
    expect(after).not.toBe(before);
    // The CLI rotated in another process: the server's snapshot follows within its poll.
    await expect
      .poll(async () => linkFor(await (await request.get(path, { headers: { "User-Agent": "v2rayNG/1.9.45" } })).text(), after))
      .toBeTruthy();
    const rotated = await request.get(path, { headers: { "User-Agent": "v2rayNG/1.9.45", "If-None-Match": etag } });
    expect(rotated.status()).toBe(200);
    expect(rotated.headers()["etag"]).not.toBe(etag);
  });

  test("gives each client its format: Clash by UA, sing-box by path, Xray for one host by query", async ({ request }) => {
    const { hostId, path } = seed();
    const current = currentPath(hostId);
    const clash = parse(await (await request.get(path, { headers: { "User-Agent": "clash-verge/v2.2.3" } })).text());
    expect(clash.proxies.some((proxy: { "ws-opts"?: { path: string } }) => proxy["ws-opts"]?.path === current)).toBe(true);
    expect(clash.rules.at(-1)).toMatch(/^MATCH,/);

    const singbox = await request.get(`${path}/singbox`);
    expect(singbox.headers()["content-type"]).toBe("application/json; charset=utf-8");
    expect(JSON.parse(await singbox.text()).outbounds.some((outbound: { transport?: { path?: string } }) => outbound.transport?.path === current)).toBe(true);

    const xray = JSON.parse(await (await request.get(`${path}?format=xray&host=${hostId}`)).text());
    expect(xray.outbounds[0].streamSettings.wsSettings.path).toBe(current);

    const unknown = await request.get(`${path}/v2ray`);
    expect(unknown.status()).toBe(400);
    expect(await unknown.text()).toContain("Formats: base64, links, clash, singbox, xray, html.");
  });

  test("records the fetch in the database in a batch", async ({ request }) => {
    const { path, username } = seed();
    await request.get(path, { headers: { "User-Agent": "Happ/3.3.1", "X-Real-IP": "203.0.113.77" } });
    const db = new Database(E2E_DATABASE_PATH, { readonly: true });
    try {
      await expect
        .poll(() => db.prepare("SELECT last_fetch_user_agent AS ua, last_fetch_ip AS ip FROM users WHERE username = ?").get(username))
        .toEqual({ ua: "Happ/3.3.1", ip: "203.0.113.77" });
      expect(db.prepare("SELECT f.format FROM subscription_fetches f JOIN users u ON u.id = f.user_id WHERE u.username = ?").all(username)).toEqual([{ format: "base64" }]);
    } finally {
      db.close();
    }
  });

  test("refuses an expired user with 403 and a reason, and shows the status on the page", async ({ request, page }) => {
    const { path } = seed(["--expires", "2020-01-01"]);
    const refused = await request.get(path, { headers: { "User-Agent": "v2rayNG/1.9.45" } });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toBe("This subscription has expired. Renew it to connect again.");
    expect(refused.headers()["announce"]).toMatch(/^base64:/);

    await page.goto(path);
    await expect(page).toHaveURL(new RegExp(`${path}/html$`));
    await expect(page.getByText("Expired", { exact: true })).toBeVisible();
  });

  test("shows a browser the page: link with copy button, QR code, import links, guides", async ({ page }) => {
    const { url, path } = seed(["--data-limit", "10GB"]);
    await page.goto(path);
    await expect(page.getByRole("heading", { name: /^Subscription of u-/ })).toBeVisible();
    await expect(page.getByText("Active", { exact: true })).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Subscription link" })).toHaveValue(url);
    await expect(page.getByRole("button", { name: "Copy" })).toBeVisible();
    await expect(page.getByRole("img", { name: "QR code of the subscription link" }).locator("svg")).toBeVisible();
    await expect(page.getByRole("link", { name: /Open in Hiddify/ })).toHaveAttribute("href", `hiddify://import/${url}#Rotor`);
    await expect(page.getByRole("link", { name: /Open in v2rayNG/ })).toHaveAttribute("href", `v2rayng://install-config?url=${encodeURIComponent(url)}#Rotor`);
    await expect(page.getByText("0 B of 10 GB")).toBeVisible();
    await page.locator("summary", { hasText: /^Android$/ }).click();
    await expect(page.getByText(/Install Hiddify or v2rayNG/)).toBeVisible();
  });

  test("answers unknown tokens with the same 404 every time, then 429 with Retry-After per IP", async ({ request, page }) => {
    const ip = `198.51.100.${Math.floor(Math.random() * 200) + 20}`;
    const answers = [];
    for (let index = 0; index < 30; index += 1) {
      const response = await request.get(`/sub/${"N".repeat(24)}${index}`, { headers: { "X-Real-IP": ip } });
      answers.push([response.status(), await response.text()]);
    }
    expect(new Set(answers.map((answer) => JSON.stringify(answer)))).toEqual(new Set([JSON.stringify([404, "Not Found"])]));
    const limited = await request.get(`/sub/${"N".repeat(32)}`, { headers: { "X-Real-IP": ip } });
    expect(limited.status()).toBe(429);
    expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);

    const missingPage = await page.goto(`/sub/${"N".repeat(32)}/html`);
    expect(missingPage?.status()).toBe(404);
  });
});
