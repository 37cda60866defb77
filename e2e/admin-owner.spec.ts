import { expect, test } from "@playwright/test";
import { E2E_BASE_URL, rotorCli } from "./support/environment";
import { attemptSignIn, signIn } from "./support/sign-in";

const unique = (prefix: string) => `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;

test.describe("owner pages", () => {
  test("an API token is shown once, works, and stops working when revoked", async ({ page, request }) => {
    const name = unique("bot");
    await signIn(page);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API tokens" }).click();
    await page.getByLabel("Name").fill(name);
    await page.getByRole("checkbox", { name: /^rotate/ }).check();
    await page.getByRole("button", { name: "Create token" }).click();
    const token = (await page.getByLabel("API token", { exact: true }).textContent())!;
    expect(token).toMatch(/^rtr_/);

    const headers = { Authorization: `Bearer ${token}` };
    expect((await request.get("/api/v1/hosts/999999/state", { headers })).status()).toBe(404);
    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row).toContainText("read, rotate");
    await row.getByRole("button", { name: "Revoke" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
    await expect(row).toContainText("revoked");
    expect((await request.get("/api/v1/hosts/999999/state", { headers })).status()).toBe(401);
  });

  test("an edge registered in the browser can poll, and is refused once revoked", async ({ page, request }) => {
    const name = unique("edge");
    await signIn(page);
    await page.goto("/edges");
    await page.getByLabel("Name").fill(name);
    await page.getByRole("button", { name: "Register edge" }).click();
    const token = (await page.getByLabel("Edge token", { exact: true }).textContent())!;
    expect(token).toMatch(/^rte_/);
    await expect(page.getByText(`--url ${E2E_BASE_URL} --token ${token}`)).toBeVisible();

    expect((await request.get("/api/edge/paths", { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(200);
    await page.reload();
    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row).toContainText("127.0.0.1");
    await expect(row.getByRole("cell").nth(6)).toHaveText("none");
    // Its usage reports add up on its row (users it does not know still count: the edge carried them).
    const usage = { reportId: `r-${name}`, users: [{ email: "user-999999@rotor", uplinkBytes: 2_000_000, downlinkBytes: 40_000_000 }] };
    expect((await request.post("/api/edge/usage", { headers: { Authorization: `Bearer ${token}` }, data: usage })).status()).toBe(200);
    await page.reload();
    await expect(row.getByRole("cell").nth(6)).toContainText(/^42 MB\s*last 20\d\d-/);
    await row.getByRole("button", { name: "Revoke" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
    await expect(row).toContainText("revoked");
    expect((await request.get("/api/edge/paths", { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(401);
  });

  test("a viewer created by the owner sees no owner pages, then changes their password", async ({ page, browser }) => {
    const name = unique("viewer");
    await signIn(page);
    await page.goto("/admins");
    await page.getByLabel("Username").fill(name);
    await page.getByLabel("Password").fill("viewer-password-1");
    await page.getByLabel("Role", { exact: true }).selectOption("viewer");
    await page.getByRole("button", { name: "Create admin" }).click();
    await expect(page.getByRole("status")).toHaveText(`Created viewer "${name}".`);
    await expect(page.getByRole("row", { name: new RegExp(name) })).toBeVisible();

    const viewer = await browser.newPage();
    await signIn(viewer, { username: name, password: "viewer-password-1" });
    const menu = viewer.getByRole("navigation", { name: "Main" });
    await expect(menu.getByRole("link", { name: "Users" })).toBeVisible();
    for (const section of ["Admins", "API tokens", "Edges", "Webhooks"]) await expect(menu.getByRole("link", { name: section })).toHaveCount(0);
    for (const path of ["/admins", "/tokens", "/edges", "/webhooks"]) {
      expect((await viewer.goto(path))?.status()).toBe(404);
    }

    await viewer.getByRole("link", { name: `${name} · viewer` }).click();
    await viewer.getByLabel("Current password").fill("viewer-password-1");
    await viewer.getByLabel("New password", { exact: true }).fill("viewer-password-2");
    await viewer.getByLabel("New password again").fill("viewer-password-3");
    await viewer.getByRole("button", { name: "Change password" }).click();
    await expect(viewer.getByText("does not match the new password", { exact: true })).toBeVisible();
    // The form is reset after each submission (React 19), and passwords are never sent back.
    await viewer.getByLabel("Current password").fill("viewer-password-1");
    await viewer.getByLabel("New password", { exact: true }).fill("viewer-password-2");
    await viewer.getByLabel("New password again").fill("viewer-password-2");
    await viewer.getByRole("button", { name: "Change password" }).click();
    await expect(viewer.getByRole("status")).toHaveText("Password changed. Use the new one next time you sign in.");
    await viewer.getByRole("button", { name: "Sign out" }).click();
    await expect(viewer.getByRole("heading", { name: "Sign in to Rotor" })).toBeVisible();
    await signIn(viewer, { username: name, password: "viewer-password-2" });

    // Deleted by the owner: the viewer's still-valid session cookie no longer opens anything.
    await page.reload();
    const row = page.getByRole("row", { name: new RegExp(name) });
    await row.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await expect(row).toHaveCount(0);
    await viewer.goto("/");
    await expect(viewer).toHaveURL(/\/login/);
    await expect(viewer.getByRole("heading", { name: "Sign in to Rotor" })).toBeVisible();
    await viewer.close();
  });

  test("wrong passwords are throttled: after 5, even the right one waits", async ({ browser }) => {
    const name = unique("throttled");
    rotorCli(["admin:create", "--username", name, "--role", "viewer", "--password-stdin"], "right-password-1\n");
    // A client address of its own, so this lock does not touch other tests signing in from 127.0.0.1.
    const context = await browser.newContext({ extraHTTPHeaders: { "x-real-ip": `203.0.113.${Math.floor(Math.random() * 200) + 1}` } });
    const page = await context.newPage();
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await attemptSignIn(page, { username: name, password: `wrong-password-${attempt}` });
      await expect(page.getByRole("status").filter({ hasText: "Wrong username or password." })).toBeVisible();
    }
    await attemptSignIn(page, { username: name, password: "wrong-password-5" });
    await expect(page.getByRole("status").filter({ hasText: "Too many failed sign-ins. Try again in 15 minutes." })).toBeVisible();
    await attemptSignIn(page, { username: name, password: "right-password-1" });
    await expect(page.getByRole("status").filter({ hasText: /Too many failed sign-ins. Try again in 1[45] minutes./ })).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
    await context.close();
  });
});
