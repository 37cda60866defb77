import { createHash, randomBytes, randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { E2E_BASE_URL, E2E_DATABASE_PATH, E2E_OWNER, rotorCli } from "./support/environment";
import { saveScreenshot } from "./support/screenshots";
import { signIn } from "./support/sign-in";


const unique = () => `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;

function withDb<T>(run: (db: Database.Database) => T): T {
  const db = new Database(E2E_DATABASE_PATH);
  db.pragma("busy_timeout = 5000");
  try {
    return run(db);
  } finally {
    db.close();
  }
}

interface UserRow {
  id: number;
  status: string;
  subscription_token: string;
  data_limit_bytes: number | null;
  expires_at: number | null;
  note: string;
  version: number;
}
const userRow = (username: string) => withDb((db) => db.prepare("SELECT * FROM users WHERE username = ?").get(username) as UserRow | undefined);
const audits = (target: string) =>
  withDb((db) => db.prepare("SELECT actor, action, details FROM audit_log WHERE target = ? ORDER BY id").all(target) as Array<{ actor: string; action: string; details: string }>);

/** Creates a user as an operator would and returns the subscription URL the CLI printed. */
function addUser(username: string, flags: string[] = []): string {
  return rotorCli(["user:add", "--username", username, ...flags]).at(-1)!;
}

function decodeQr(image: Buffer): string | undefined {
  const png = PNG.sync.read(image);
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

/** Our own address for /sub, so other specs' unknown-token requests never rate-limit ours. */
const clientIp = `192.0.2.${1 + (randomBytes(1)[0]! % 250)}`;

/** The status a client (not a browser, which is sent to the HTML page) gets for a subscription path. */
async function clientStatus(request: APIRequestContext, path: string): Promise<number> {
  return (await request.get(path, { headers: { "User-Agent": "v2rayNG/1.9.45", "X-Real-IP": clientIp }, maxRedirects: 0 })).status();
}

async function openUser(page: Page, username: string) {
  await page.goto(`/users?search=${encodeURIComponent(username)}`);
  await page.getByRole("link", { name: username, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: username })).toBeVisible();
}

test.describe("admin users", () => {
  test("creates a user through the form, shows the QR code of its URL, and edits it", async ({ page }) => {
    const username = `new-${unique()}`;
    await signIn(page, E2E_OWNER);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
    await page.getByRole("link", { name: "New user" }).click();
    await expect(page.getByRole("heading", { name: "New user" })).toBeVisible();

    await page.getByLabel("Username").fill("not a name");
    await page.getByLabel("Data limit").fill("50GB");
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByLabel("Username")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Username")).toHaveAccessibleDescription(/may hold letters, digits, '_', '.' and '-', starting with a letter or digit/);
    await expect(page.getByRole("alert").filter({ hasText: "One field needs attention" })).toBeVisible();
    // The refused form keeps what was typed.
    await expect(page.getByLabel("Data limit")).toHaveValue("50GB");

    await page.getByLabel("Username").fill(username);
    await page.getByLabel("Expires").fill("2030-12-31");
    await page.getByLabel("Note").fill("created in e2e");
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByRole("heading", { level: 1, name: username })).toBeVisible();
    const row = userRow(username)!;
    expect(page.url()).toBe(`${E2E_BASE_URL}/users/${row.id}`);
    expect(row).toMatchObject({ status: "active", data_limit_bytes: 50e9, expires_at: Date.UTC(2030, 11, 31, 23, 59, 59), note: "created in e2e" });

    const url = `${E2E_BASE_URL}/sub/${row.subscription_token}`;
    await expect(page.getByRole("textbox", { name: "Subscription URL" })).toHaveValue(url);
    const qr = page.getByRole("img", { name: "QR code of the subscription URL" });
    expect(decodeQr(await qr.screenshot())).toBe(url);
    await expect(page.getByRole("list", { name: "Subscription formats" }).getByRole("link", { name: "clash" })).toHaveAttribute("href", `${url}/clash`);

    const pngLink = page.getByRole("link", { name: "Download QR as PNG" });
    const [download] = await Promise.all([page.waitForEvent("download"), pngLink.click()]);
    expect(download.suggestedFilename()).toBe(`${username}-subscription.png`);
    const png = await page.request.get((await pngLink.getAttribute("href"))!);
    expect(png.headers()["content-type"]).toBe("image/png");
    expect(decodeQr(await png.body())).toBe(url);
    const svg = await page.request.get((await page.getByRole("link", { name: "Download QR as SVG" }).getAttribute("href"))!);
    expect(svg.headers()["content-type"]).toBe("image/svg+xml; charset=utf-8");
    expect(await svg.text()).toMatch(/^<svg /);

    // Only the changed fields are saved: the limit is cleared, the note rewritten, the expiry kept.
    await page.getByLabel("Data limit").fill("");
    await page.getByLabel("Note").fill("edited in e2e");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    await expect(page.getByText("0 B of unlimited")).toBeVisible();
    await expect(page.getByLabel("Note")).toHaveValue("edited in e2e");
    expect(userRow(username)).toMatchObject({ data_limit_bytes: null, note: "edited in e2e", expires_at: Date.UTC(2030, 11, 31, 23, 59, 59), version: 2 });
    const update = audits(`user:${row.id}`).find((entry) => entry.action === "user.update")!;
    expect(update.actor).toBe(`admin:${E2E_OWNER.username}`);
    expect(Object.keys(JSON.parse(update.details).changes).sort()).toEqual(["dataLimitBytes", "note"]);
  });

  test("disabling answers the subscription with 403, and a token reset retires the old URL", async ({ page, request }) => {
    const username = `sw-${unique()}`;
    const oldUrl = addUser(username);
    const oldPath = new URL(oldUrl).pathname;
    await signIn(page, E2E_OWNER);
    await openUser(page, username);
    const header = page.locator("main");

    await page.getByRole("button", { name: "Disable", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Disabled: the subscription now answers 403." })).toBeVisible();
    await expect(header.getByText("disabled", { exact: true })).toBeVisible();
    expect(await clientStatus(request, oldPath)).toBe(403);

    await page.getByRole("button", { name: "Enable", exact: true }).click();
    await expect(header.getByText("active", { exact: true })).toBeVisible();
    expect(await clientStatus(request, oldPath)).not.toBe(403);

    await page.getByRole("button", { name: "Reset subscription URL" }).click();
    const dialog = page.getByRole("dialog", { name: `Reset the subscription URL of ${username}?` });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Reset URL" }).click();
    await expect(page.getByRole("status").filter({ hasText: "New subscription URL created." })).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Subscription URL" })).not.toHaveValue(oldUrl);
    const newUrl = await page.getByRole("textbox", { name: "Subscription URL" }).inputValue();
    expect(await clientStatus(request, oldPath)).toBe(404);
    expect(await clientStatus(request, new URL(newUrl).pathname)).not.toBe(404);

    const row = userRow(username)!;
    expect(newUrl).toBe(`${E2E_BASE_URL}/sub/${row.subscription_token}`);
    expect(row.version).toBe(4);
    expect(audits(`user:${row.id}`).map((entry) => [entry.actor, entry.action])).toEqual([
      ["cli", "user.create"],
      [`admin:${E2E_OWNER.username}`, "user.disable"],
      [`admin:${E2E_OWNER.username}`, "user.enable"],
      [`admin:${E2E_OWNER.username}`, "user.reset_token"],
    ]);
  });

  test("disables two users at once, extends expiries, and deletes users after confirmation", async ({ page }) => {
    const prefix = `bulk-${unique()}`;
    const [first, second, third] = ["a", "b", "c"].map((letter) => `${prefix}-${letter}`) as [string, string, string];
    for (const username of [first, second]) addUser(username, ["--expires", "2030-01-01"]);
    addUser(third);
    await signIn(page, E2E_OWNER);
    await page.goto("/users");
    await page.getByLabel("Search usernames").fill(prefix);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(new RegExp(`search=${prefix}`));
    await expect(page.getByText("Showing 1–3 of 3")).toBeVisible();

    await page.getByRole("checkbox", { name: `Select ${first}` }).check();
    await page.getByRole("checkbox", { name: `Select ${second}` }).check();
    await expect(page.getByText("2 selected")).toBeVisible();
    await page.getByRole("button", { name: "Disable", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Disabled 2 users." })).toBeVisible();
    for (const [username, status] of [[first, "disabled"], [second, "disabled"], [third, "active"]] as const) {
      await expect(page.getByRole("row", { name: new RegExp(username) }).getByText(status, { exact: true })).toBeVisible();
      expect(userRow(username)?.status).toBe(status);
    }
    const ids = [first, second].map((username) => userRow(username)!.id).sort((a, b) => a - b);
    const bulk = withDb((db) => db.prepare("SELECT actor, details FROM audit_log WHERE action = 'user.bulk_disable' AND details LIKE ?").get(`%${ids.join(",")}%`)) as { actor: string; details: string };
    expect(JSON.parse(bulk.details)).toEqual({ requested: 2, ids });

    // The form was reset after the action: select again, and extend by pressing Enter in "Days".
    await expect(page.getByText("Select users to act on several at once.")).toBeVisible();
    for (const username of [first, third]) await page.getByRole("checkbox", { name: `Select ${username}` }).check();
    await page.getByLabel("Days").fill("10");
    await page.getByLabel("Days").press("Enter");
    await expect(page.getByRole("status").filter({ hasText: "Extended the expiry of 1 user (1 never expire)." })).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(first) }).getByText("2030-01-11")).toBeVisible();
    expect([userRow(first)?.expires_at, userRow(second)?.expires_at, userRow(third)?.expires_at]).toEqual([Date.UTC(2030, 0, 11, 23, 59, 59), Date.UTC(2030, 0, 1, 23, 59, 59), null]);

    await page.getByRole("checkbox", { name: `Select ${third}` }).check();
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Delete the selected users?" });
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    expect(userRow(third)).toBeDefined();
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await dialog.getByRole("button", { name: "Delete users" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Deleted 1 user." })).toBeVisible();
    await expect(page.getByRole("link", { name: third })).toBeHidden();
    expect(userRow(third)).toBeUndefined();

    await page.getByRole("link", { name: first, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: first })).toBeVisible();
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await page.getByRole("dialog", { name: `Delete ${first}?` }).getByRole("button", { name: "Delete user" }).click();
    await expect(page).toHaveURL(/\/users$/);
    expect(userRow(first)).toBeUndefined();
  });

  test("a viewer sees users but no control that changes them, and a forged action is refused", async ({ browser }) => {
    const viewer = { username: `viewer-${unique()}`, password: "viewer-password" };
    rotorCli(["admin:create", "--username", viewer.username, "--role", "viewer", "--password-stdin"], `${viewer.password}\n`);
    const username = `seen-${unique()}`;
    addUser(username, ["--data-limit", "10GB"]);
    const forged = await captureDisableAction(browser, username);

    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, viewer);
    await page.goto(`/users?search=${username}`);
    await expect(page.getByRole("link", { name: username })).toBeVisible();
    await expect(page.getByRole("link", { name: "New user" })).toHaveCount(0);
    await expect(page.getByRole("checkbox")).toHaveCount(0);
    await expect(page.getByRole("button", { name: /Disable|Enable|Delete|Reset|Extend/ })).toHaveCount(0);

    await page.getByRole("link", { name: username }).click();
    await expect(page.getByRole("img", { name: "QR code of the subscription URL" })).toBeVisible();
    await expect(page.getByText("0 B of 10 GB")).toBeVisible();
    await expect(page.getByRole("button", { name: /Disable|Enable|Delete|Reset|Save/ })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Edit" })).toHaveCount(0);
    expect((await page.request.get(`${new URL(page.url()).pathname}/qr?format=png`)).headers()["content-type"]).toBe("image/png");
    expect((await page.goto("/users/new"))?.status()).toBe(404);
    expect((await page.goto("/users/999999999"))?.status()).toBe(404);

    // The server action an owner's "Disable" sends, replayed with the viewer's session.
    const answer = await page.request.post(forged.url, { headers: forged.headers, data: forged.body });
    expect(await answer.text()).toContain("Your role (viewer) may not do this.");
    expect(userRow(username)?.status).toBe("active");
    await context.close();
  });

  test("fits a 375 px phone and follows dark mode", async ({ browser }) => {
    const username = `phone-${unique()}`;
    addUser(username, ["--data-limit", "10GB", "--expires", "2030-01-01"]);
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, colorScheme: "dark" });
    const page = await context.newPage();
    await signIn(page, E2E_OWNER);
    await openUser(page, username);
    for (const path of ["/users", "/users/new", new URL(page.url()).pathname]) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path} scrolls sideways at 375 px`).toBeLessThanOrEqual(0);
    }
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe("rgb(255, 255, 255)");
    await context.close();
  });

  test("shows the list and a user's page as in the screenshots (ROTOR_SCREENSHOTS=1 saves them)", async ({ page }) => {
    seedDemoUsers();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: "light" });
    await signIn(page, E2E_OWNER);
    await page.goto("/users?search=demo-");
    await expect(page.getByText("Showing 1–6 of 6")).toBeVisible();
    await saveScreenshot(page, "users");
    await page.getByRole("link", { name: "demo-alice" }).click();
    await expect(page.getByRole("img", { name: "QR code of the subscription URL" })).toBeVisible();
    await expect(page.getByRole("cell", { name: "Hiddify/2.5.7" }).first()).toBeVisible();
    const usage = page.getByRole("region", { name: "Usage" });
    await expect(usage.getByText("210 GB", { exact: true })).toBeVisible();
    await expect(usage.getByText("monthly (the 1st)")).toBeVisible();
    await expect(usage.getByText("7 minutes ago")).toBeVisible();
    await saveScreenshot(page, "user-detail");
  });
});

/** Signs an owner in, presses "Disable" on the user's page, and captures the request instead of sending it. */
async function captureDisableAction(browser: Browser, username: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, E2E_OWNER);
  await openUser(page, username);
  let captured: { url: string; headers: Record<string, string>; body: Buffer } | undefined;
  await page.route("**/users/*", async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !request.headers()["next-action"]) return route.continue();
    // The action's own headers; the session cookie is left behind (the replay brings the viewer's).
    const sent = await request.allHeaders();
    const headers = Object.fromEntries(["next-action", "next-router-state-tree", "content-type", "accept", "origin"].flatMap((name) => (sent[name] ? [[name, sent[name]]] : [])));
    captured = { url: request.url(), headers, body: request.postDataBuffer()! };
    await route.abort();
  });
  await page.getByRole("button", { name: "Disable", exact: true }).click();
  await expect.poll(() => captured).toBeDefined();
  await context.close();
  expect(userRow(username)?.status).toBe("active");
  return captured!;
}

/** A handful of users in every state, with traffic and fetches, for the screenshots. */
function seedDemoUsers() {
  const now = Date.now();
  const DAY = 86_400_000;
  const GB = 1e9;
  const users = [
    { name: "demo-alice", limit: 100 * GB, up: 9 * GB, down: 53 * GB, expires: now + 200 * DAY, fetched: now - 42 * 60_000, ua: "Hiddify/2.5.7", status: "active" },
    { name: "demo-bob", limit: null, up: 2 * GB, down: 31 * GB, expires: null, fetched: now - 3 * 3_600_000, ua: "v2rayNG/1.9.45", status: "active" },
    { name: "demo-carol", limit: 50 * GB, up: 1 * GB, down: 4 * GB, expires: now - 3 * DAY, fetched: now - 4 * DAY, ua: "clash-verge/v2.2.3", status: "active" },
    { name: "demo-dave", limit: 20 * GB, up: 4 * GB, down: 17 * GB, expires: now + 40 * DAY, fetched: now - 26 * 3_600_000, ua: "Streisand/1.6", status: "active" },
    { name: "demo-erin", limit: 30 * GB, up: 0, down: 2 * GB, expires: now + 90 * DAY, fetched: null, ua: null, status: "disabled" },
    { name: "demo-frank", limit: null, up: 0, down: 0, expires: now + 365 * DAY, fetched: null, ua: null, status: "active" },
  ];
  withDb((db) => {
    // Alice resets monthly and used more in earlier months; whoever has traffic was online lately.
    const insert = db.prepare(`INSERT INTO users (username, uuid, subscription_token, subscription_token_hash, status, data_limit_bytes, upload_bytes,
      download_bytes, lifetime_bytes, reset_strategy, online_at, expires_at, note, version, created_at, updated_at, last_fetch_at, last_fetch_user_agent, last_fetch_ip)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', 1, ?, ?, ?, ?, ?)`);
    const fetch = db.prepare("INSERT INTO subscription_fetches (user_id, at, user_agent, ip, format) VALUES (?, ?, ?, ?, ?)");
    db.transaction(() => {
      users.forEach((user, index) => {
        const token = randomBytes(24).toString("base64url");
        const created = now - (30 - index) * DAY;
        const alice = user.name === "demo-alice";
        const used = user.up + user.down;
        const { lastInsertRowid } = insert.run(user.name, randomUUID(), token, createHash("sha256").update(token).digest("hex"), user.status, user.limit, user.up, user.down,
          used + (alice ? 148 * GB : 0), alice ? "monthly" : "none", used > 0 ? now - (index + 1) * 7 * 60_000 : null,
          user.expires, created, created, user.fetched, user.ua, user.fetched ? "203.0.113.24" : null);
        if (!alice) return;
        const history: Array<[number, string, string]> = [
          [42 * 60_000, "Hiddify/2.5.7", "singbox"],
          [13 * 3_600_000, "Hiddify/2.5.7", "singbox"],
          [26 * 3_600_000, "v2rayNG/1.9.45", "base64"],
          [3 * DAY, "clash-verge/v2.2.3", "clash"],
        ];
        for (const [ago, ua, format] of history) fetch.run(lastInsertRowid, now - ago, ua, "203.0.113.24", format);
      });
    })();
  });
}
