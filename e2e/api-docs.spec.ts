import { expect, test } from "@playwright/test";
import { E2E_OWNER } from "./support/environment";

test.describe("API reference page", () => {
  test("lists every operation with its method, path, scope, parameters and body fields", async ({ page, request }) => {
    await page.goto("/api-docs");
    await expect(page).toHaveURL(/\/login/); // admins only
    await page.getByLabel("Username").fill(E2E_OWNER.username);
    await page.getByLabel("Password").fill(E2E_OWNER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/api-docs"); // back where the admin was going
    await expect(page.getByRole("heading", { name: "API", exact: true })).toBeVisible();

    // One section per documented operation, the same list openapi.json has.
    const document = await (await request.get("/api/v1/openapi.json")).json();
    const operations = Object.entries(document.paths as Record<string, object>).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    for (const name of operations) await expect(page.getByRole("region", { name, exact: true })).toBeVisible();
    expect(operations).toHaveLength(17);
    expect(operations).toContain("POST /api/v1/users/{id}/reset-traffic");

    const bulk = page.getByRole("region", { name: "POST /api/v1/users/bulk" });
    await expect(bulk).toContainText("scope: write");
    const body = bulk.getByRole("table", { name: "JSON body" });
    await expect(body.getByRole("row", { name: /^ids array of/ })).toContainText("yes");
    await expect(body.getByRole("row", { name: /^days integer/ })).toContainText("no");

    const listUsers = page.getByRole("region", { name: "GET /api/v1/users", exact: true });
    await expect(listUsers.getByRole("table", { name: "Parameters" }).getByRole("row", { name: /^cursor \(query\)/ })).toBeVisible();
    await expect(listUsers.getByRole("table", { name: "Parameters" }).getByRole("row", { name: /^limit \(query\)/ })).toContainText("default 50; 1–500");
    await expect(listUsers.getByRole("table", { name: "Response" }).getByRole("row", { name: /^nextCursor/ })).toContainText("string | null");
    await expect(page.getByRole("region", { name: "GET /api/v1/openapi.json" })).toContainText("public");
  });
});
