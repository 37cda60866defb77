import Database from "better-sqlite3";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { parse } from "yaml";
import { E2E_DATABASE_PATH, E2E_OWNER, rotorCli } from "./support/environment";
import { saveScreenshot } from "./support/screenshots";
import { signIn } from "./support/sign-in";

/**
 * Settings and User-Agent rules are global: every change here is undone before the test ends,
 * and the UA rule uses a prefix no other spec's client sends (subscription.spec relies on the
 * seeded rules and the default settings).
 */

const suffix = () => `${Date.now()}${Math.random().toString(36).slice(2, 7)}`;
const OWNER_ACTOR = `admin:${E2E_OWNER.username}`;

/** A host and a user of it, so every format has something to render; the server serves them once its catalog and snapshot follow the CLI. */
async function seedSubscription(request: APIRequestContext) {
  const name = `set-${suffix()}`;
  rotorCli(["host:add", "--name", name, "--address", "edge.example.com", "--port", "443", "--transport", "ws", "--security", "tls", "--interval", "0"]);
  const path = new URL(rotorCli(["user:add", "--username", name]).at(-1)!).pathname;
  await expect
    .poll(async () => (await (await request.get(`${path}/links`)).text()).includes(`#${name}`))
    .toBe(true);
  return { path, name };
}

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(E2E_DATABASE_PATH, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const settingsRow = () => query<{ profile_title: string; version: number }>("SELECT profile_title, version FROM settings WHERE id = 1")[0]!;
const base64 = (text: string) => `base64:${Buffer.from(text, "utf8").toString("base64")}`;

test.describe("settings, User-Agent rules and the audit log", () => {
  test("a new profile title reaches /sub at once and is audited; the old one is restored", async ({ page, request }) => {
    const { path } = await seedSubscription(request);
    await signIn(page);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();

    const title = page.getByLabel("Profile title");
    const original = await title.inputValue();
    const renamed = `Rotor E2E ${suffix()} ✓`;
    const before = settingsRow();
    try {
      await title.fill(renamed);
      // The preview follows the typing, in the exact header form.
      const headers = page.getByRole("region", { name: "Preview" }).getByLabel("Response headers");
      await expect(headers).toContainText(base64(renamed));
      await page.getByRole("button", { name: "Save settings" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
      expect(settingsRow()).toEqual({ profile_title: renamed, version: before.version + 1 });

      // Written by the server's own connection: /sub must not wait for a data_version poll.
      const response = await request.get(path, { headers: { "User-Agent": "v2rayNG/1.9.45" } });
      expect(response.status()).toBe(200);
      expect(response.headers()["profile-title"]).toBe(base64(renamed));
    } finally {
      await title.fill(original);
      await page.getByRole("button", { name: "Save settings" }).click();
      // The first save's "Settings saved." may still be on screen: wait for the row itself.
      await expect.poll(() => settingsRow().profile_title).toBe(original);
    }
    const restored = await request.get(path, { headers: { "User-Agent": "v2rayNG/1.9.45" } });
    expect(restored.headers()["profile-title"]).toBe(base64(original));

    await page.goto(`/audit?action=settings.&actor=${encodeURIComponent(OWNER_ACTOR)}`);
    const rename = page.getByRole("row").filter({ hasText: renamed });
    await expect(rename).toHaveCount(2);
    await expect(rename.first()).toContainText("settings.update");
    await expect(rename.first()).toContainText(OWNER_ACTOR);
    await page.goto("/audit");
    await saveScreenshot(page, "audit");
  });

  test("a UA rule is added, tested, served, edited, moved by keyboard, deleted, and every step is audited", async ({ page, request }) => {
    const { path, name } = await seedSubscription(request);
    const prefix = `RotorTestClient${suffix()}`;
    const userAgent = `${prefix}/1.0`;
    await signIn(page);
    await page.goto("/settings");

    await page.getByLabel("User-Agent starts with").fill(prefix);
    await page.getByLabel("Format").selectOption("clash");
    await page.getByLabel("Note").fill("e2e");
    await page.getByRole("button", { name: "Add rule" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Rule “${prefix}” added at position 1.` })).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: prefix });
    await expect(row.getByRole("cell").first()).toHaveText("1");
    const [stored] = query<{ id: number; position: number; format: string }>("SELECT id, position, format FROM user_agent_rules WHERE prefix = ?", prefix);
    expect(stored).toMatchObject({ position: 1, format: "clash" });

    try {
      await page.getByLabel("User-Agent", { exact: true }).fill(userAgent);
      await page.getByRole("button", { name: "Test", exact: true }).click();
      await expect(page.getByRole("status").filter({ hasText: "Format: clash" })).toHaveText(`Format: clash — rule #1 “${prefix}” matched.`);
      await saveScreenshot(page, "settings");

      const clash = await request.get(path, { headers: { "User-Agent": userAgent } });
      expect(clash.status()).toBe(200);
      expect(clash.headers()["content-type"]).toBe("text/yaml; charset=utf-8");
      const profile = parse(await clash.text());
      expect(profile.proxies.map((proxy: { name: string }) => proxy.name)).toContain(`${name} · ${name}`);
      expect(profile.rules.at(-1)).toMatch(/^MATCH,/);

      await row.getByRole("button", { name: `Edit ${prefix}` }).click();
      await row.getByLabel("Note").fill("e2e, edited in place");
      await row.getByRole("button", { name: `Save ${prefix}` }).click();
      await expect(row.getByRole("cell").nth(3)).toHaveText("e2e, edited in place");
      await expect(row.getByRole("button", { name: `Edit ${prefix}` })).toBeFocused();

      // Keyboard: focus the button, press Enter, and focus stays on it in the rule's new place.
      const moveDown = page.getByRole("button", { name: `Move ${prefix} down` });
      await moveDown.focus();
      await page.keyboard.press("Enter");
      await expect(row.getByRole("cell").first()).toHaveText("2");
      await expect(moveDown).toBeFocused();
      expect(query<{ position: number }>("SELECT position FROM user_agent_rules WHERE id = ?", stored!.id)).toEqual([{ position: 2 }]);

      await row.getByRole("button", { name: `Delete ${prefix}` }).click();
      await page.getByRole("dialog", { name: `Delete the rule for “${prefix}”?` }).getByRole("button", { name: "Delete rule" }).click();
      await expect(row).toHaveCount(0);
    } finally {
      // Leave no rule behind, whatever failed above.
      if (query("SELECT 1 FROM user_agent_rules WHERE prefix = ?", prefix).length > 0) {
        await page.goto("/settings");
        await page.getByRole("row").filter({ hasText: prefix }).getByRole("button", { name: `Delete ${prefix}` }).click();
        await page.getByRole("dialog").getByRole("button", { name: "Delete rule" }).click();
        await expect(page.getByRole("row").filter({ hasText: prefix })).toHaveCount(0);
      }
    }
    const positions = query<{ position: number }>("SELECT position FROM user_agent_rules ORDER BY position").map((rule) => rule.position);
    expect(positions).toEqual(positions.map((_, index) => index + 1));
    const fallback = await request.get(path, { headers: { "User-Agent": userAgent } });
    expect(fallback.headers()["content-type"]).toBe("text/plain; charset=utf-8");

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
    await page.getByLabel("Action starts with").fill("ua_rule.");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/[?&]action=ua_rule\./);
    const entries = page.getByRole("row").filter({ hasText: prefix });
    await expect(entries.locator("td:nth-child(3)")).toHaveText(["ua_rule.delete", "ua_rule.move", "ua_rule.update", "ua_rule.create"]);
    await expect(entries.locator("td:nth-child(2)")).toHaveText(Array(4).fill(OWNER_ACTOR));
    const actions = await page.getByRole("row").locator("td:nth-child(3)").allTextContents();
    expect(actions.length).toBeGreaterThanOrEqual(3);
    expect(actions.every((action) => action.startsWith("ua_rule."))).toBe(true);

    await page.getByLabel("Action starts with").fill("ua_rule.move");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(entries.locator("td:nth-child(3)")).toHaveText(["ua_rule.move"]);
  });

  test("a viewer sees settings and rules read-only but may use the tester", async ({ page }) => {
    const username = `viewer-${suffix()}`;
    const password = "viewer-password";
    rotorCli(["admin:create", "--username", username, "--role", "viewer", "--password-stdin"], `${password}\n`);
    await signIn(page, { username, password });
    await page.goto("/settings");

    await expect(page.getByLabel("Profile title")).toBeDisabled();
    await expect(page.getByText("Your role can view these settings but not change them.")).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: "HiddifyNext" }).first()).toBeVisible();
    for (const name of ["Save settings", "Add rule", /^Delete/, /^Edit/, /^Move/]) {
      await expect(page.getByRole("button", { name })).toHaveCount(0);
    }

    await page.getByLabel("User-Agent", { exact: true }).fill("clash-verge/v2.2.3");
    await page.getByRole("button", { name: "Test", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Format:" })).toHaveText(/^Format: clash — rule #\d+ “clash-verge” matched\.$/);
    await page.getByLabel("User-Agent", { exact: true }).fill("Lynx/2.9.0");
    await page.getByLabel("Browser request (Accept: text/html)").check();
    await page.getByRole("button", { name: "Test", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Format:" })).toHaveText(
      "Format: html — no rule matched; a request that accepts text/html gets the subscription page.",
    );

    await page.goto("/audit");
    await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  });
});
