import { expect, test } from "@playwright/test";
import { rotorCli } from "./support/environment";
import { saveScreenshot } from "./support/screenshots";
import { signIn } from "./support/sign-in";

const unique = (prefix: string) => `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;

test.describe("dashboard", () => {
  test("follows a rotation live, without a reload: new path, the old one counting down, the edge's state", async ({ page, request }) => {
    const name = unique("dash");
    const hostId = rotorCli(["host:add", "--name", name, "--address", "dash.example.com", "--port", "443", "--transport", "ws", "--security", "tls", "--announce", "0", "--grace", "2h", "--interval", "6h"]).at(-1)!.replace("id: ", "");
    const edgeToken = rotorCli(["edge:add", "--name", name]).at(-1)!;
    await signIn(page);
    const card = page.getByRole("listitem", { name: `Host ${name}` });
    await expect(card.getByTestId(`current-path-${hostId}`)).toHaveText(/^\/[A-Za-z0-9]{22}$/);
    const before = await card.getByTestId(`current-path-${hostId}`).textContent();
    await expect(card).toContainText("Still accepted");
    await expect(card).toContainText(/Next rotation\s*in 5h 59m|in 6h 0m/);

    // The edge polls once with its applied revision; the dashboard shows it up to date.
    const paths = (await (await request.get("/api/edge/paths", { headers: { Authorization: `Bearer ${edgeToken}` } })).json()) as { revision: string };
    await request.get(`/api/edge/paths?since=${BigInt(paths.revision) - 1n}`, { headers: { Authorization: `Bearer ${edgeToken}` } });

    // Rotated from outside the page (the CLI, another process): the page follows by itself.
    rotorCli(["rotate", "--host", hostId]);
    await expect(card.getByTestId(`current-path-${hostId}`)).not.toHaveText(before!, { timeout: 15_000 });
    await expect(card).toContainText(`${before} expires in 1h 59m`);
    await expect(card).toContainText("manual by cli");
    await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText(/up to date|behind/);
    await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("not followed");

    // Once its agent reports the users revision it has applied, the row shows it against the current one.
    const users = (await (await request.get("/api/edge/users", { headers: { Authorization: `Bearer ${edgeToken}` } })).json()) as { revision: string };
    await request.get(`/api/edge/users?since=${Number(users.revision) - 1}`, { headers: { Authorization: `Bearer ${edgeToken}` } });
    await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText(new RegExp(`${Number(users.revision) - 1} / \\d+\\s*applying`));

    await saveScreenshot(page, "dashboard");
  });

  test("fits a 375 px phone and has a dark mode", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, colorScheme: "dark" });
    const page = await context.newPage();
    await signIn(page);
    for (const path of ["/", "/admins", "/tokens", "/edges", "/account"]) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path} scrolls sideways at 375 px`).toBeLessThanOrEqual(0);
    }
    await page.goto("/");
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).not.toBe("rgb(255, 255, 255)");
    await saveScreenshot(page, "dashboard-phone-dark");
    await context.close();
  });
});
