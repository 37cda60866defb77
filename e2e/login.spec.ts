import { expect, test } from "@playwright/test";
import { E2E_OWNER, rotorCli } from "./support/environment";

test.describe("admin sign-in", () => {
  test("a signed-out visitor is sent to the login page", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
    await expect(page.getByRole("heading", { name: "Sign in to Rotor" })).toBeVisible();
    await expect(page.getByLabel("Username")).toBeVisible();
    await expect(page.getByLabel("Password")).toBeVisible();
  });

  test("a wrong password is refused with a clear message", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Username").fill(E2E_OWNER.username);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Wrong username or password." })).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });

  test("the first admin from the environment signs in, sees seeded data, and signs out", async ({ page }) => {
    const hostName = `e2e-host-${Date.now()}`;
    rotorCli(["host:add", "--name", hostName, "--address", "edge.example.com", "--port", "443", "--transport", "ws", "--security", "tls"]);
    rotorCli(["user:add", "--username", `e2e-user-${Date.now()}`]);

    await page.goto("/");
    await page.getByLabel("Username").fill(E2E_OWNER.username);
    await page.getByLabel("Password").fill(E2E_OWNER.password);
    await page.getByRole("button", { name: "Sign in" }).click();

    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    await expect(page.getByText(/Rotation store: embedded \(SQLite, single instance only\) · healthy · live at revision \d+ · this instance runs the schedule/)).toBeVisible();
    const hostCard = page.getByRole("listitem", { name: `Host ${hostName}` });
    await expect(hostCard).toContainText("ws + tls");
    // The CLI created the host's first path in another process; the server's snapshot follows
    // within its poll interval, and the dashboard's live refresh shows it without a reload.
    await expect(hostCard.getByText("Epoch").locator("xpath=following-sibling::dd[1]")).toHaveText("1");
    await expect(hostCard.getByTestId(/^current-path-/)).toHaveText(/^\/[A-Za-z0-9]{22}$/);
    await expect(page.getByText(`${E2E_OWNER.username} · owner`)).toBeVisible();

    // A copy of the session cookie taken before signing out (as a background refresh racing the
    // sign-out could re-issue it) opens nothing afterwards.
    const cookiesBefore = await page.context().cookies();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
    await page.context().addCookies(cookiesBefore);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("heading", { name: "Sign in to Rotor" })).toBeVisible();
  });
});
