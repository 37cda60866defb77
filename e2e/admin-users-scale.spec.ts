import { createHash, randomBytes, randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { E2E_DATABASE_PATH } from "./support/environment";
import { signIn } from "./support/sign-in";

const COUNT = 100_000;
const DAY = 86_400_000;
const prefix = `scale-${Date.now().toString(36)}${randomBytes(2).toString("hex")}-`;
const nameOf = (index: number) => `${prefix}${String(index).padStart(6, "0")}`;

/**
 * Every tenth user in each state: disabled (1), past its expiry (2) or stored expired (3),
 * over its limit (4) or stored limited (5), and active otherwise. So the effective statuses
 * split 10,000 disabled, 20,000 expired, 20,000 limited, 50,000 active.
 */
function seedScaleUsers() {
  const now = Date.now();
  const rows = Array.from({ length: COUNT }, (_, index) => {
    const kind = index % 10;
    const token = randomBytes(24).toString("base64url");
    const status = kind === 1 ? "disabled" : kind === 3 ? "expired" : kind === 5 ? "limited" : "active";
    const created = now - 400 * DAY + index * 1000;
    return [nameOf(index), randomUUID(), token, createHash("sha256").update(token).digest("hex"), status, kind === 4 ? 1e9 : null, kind === 4 ? 2e9 : index, kind === 2 ? now - DAY : null, created, created];
  });
  const db = new Database(E2E_DATABASE_PATH);
  db.pragma("busy_timeout = 5000");
  try {
    const insert = db.prepare(`INSERT INTO users (username, uuid, subscription_token, subscription_token_hash, status, data_limit_bytes, download_bytes,
      expires_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    // Everything computed above, and 5,000 rows a transaction: the specs running beside this one
    // share the file, and one 100,000-row transaction on a loaded machine held the write lock
    // past their 5 s busy_timeout ("database is locked" in a password change, seen in CI).
    const insertChunk = db.transaction((chunk: typeof rows) => {
      for (const row of chunk) insert.run(...row);
    });
    for (let index = 0; index < rows.length; index += 5_000) insertChunk(rows.slice(index, index + 5_000));
  } finally {
    db.close();
  }
}

/** The table's user rows (the header row's checkbox selects all). */
const bodyRows = (page: Page) => page.getByRole("table").getByRole("row").filter({ has: page.getByRole("checkbox", { name: new RegExp(`^Select ${prefix}`) }) });

test.describe("admin users at 100,000", () => {
  test.beforeAll(() => {
    test.setTimeout(120_000);
    seedScaleUsers();
  });

  test("pages through them 50 at a time, with the page in the URL and the back button", async ({ page }) => {
    await signIn(page);
    await page.goto(`/users?search=${prefix}&sort=username&order=asc`);
    await expect(page.getByText("100,000 matching users")).toBeVisible();
    await expect(page.getByText("Showing 1–50 of 100,000")).toBeVisible();
    await expect(bodyRows(page)).toHaveCount(50);
    await expect(bodyRows(page).first()).toContainText(nameOf(0));

    await page.getByRole("link", { name: "Next" }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page.getByText("Showing 51–100 of 100,000")).toBeVisible();
    await expect(bodyRows(page).first()).toContainText(nameOf(50));
    await page.goBack();
    await expect(page.getByText("Showing 1–50 of 100,000")).toBeVisible();

    // The column header reverses the order; the last user comes first.
    await page.getByRole("link", { name: /^Username/ }).click();
    await expect(page).toHaveURL(/sort=username&order=desc/);
    await expect(bodyRows(page).first()).toContainText(nameOf(COUNT - 1));

    await page.goto(`/users?search=${prefix}&sort=username&order=asc&page=2000`);
    await expect(page.getByText("Showing 99,951–100,000 of 100,000")).toBeVisible();
    await expect(bodyRows(page).last()).toContainText(nameOf(COUNT - 1));
    await expect(page.getByRole("link", { name: "Next" })).toHaveCount(0);
  });

  test("finds one user by name and filters by effective status", async ({ page }) => {
    await signIn(page);
    await page.goto("/users");
    await page.getByLabel("Search usernames").fill(nameOf(4242));
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByText("Showing 1–1 of 1")).toBeVisible();
    await expect(page.getByRole("link", { name: nameOf(4242) })).toBeVisible();

    for (const [status, label, total, sample] of [
      ["limited", "Limited", "20,000", 4],
      ["expired", "Expired", "20,000", 2],
      ["disabled", "Disabled", "10,000", 1],
      ["active", "Active", "50,000", 0],
    ] as const) {
      await page.getByLabel("Search usernames").fill(prefix);
      await page.getByLabel("Status").selectOption(label);
      await page.getByRole("button", { name: "Apply" }).click();
      await expect(page).toHaveURL(new RegExp(`status=${status}`));
      await expect(page.getByText(`${total} matching users`)).toBeVisible();
      await expect(bodyRows(page)).toHaveCount(50);
      // Every row on the page shows the status filtered for, and the seeding's pattern holds.
      await expect(bodyRows(page).getByText(status, { exact: true })).toHaveCount(50);
      await expect(page.getByRole("link", { name: nameOf(COUNT - 10 + sample) })).toBeVisible();
    }
  });
});
