import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { E2E_BASE_URL, E2E_DATABASE_PATH, E2E_OWNER, rotorCli } from "./support/environment";
import { SCREENSHOTS_FOR_DOCS, saveScreenshot } from "./support/screenshots";
import { signIn } from "./support/sign-in";

/** For the README's screenshots, a few more hosts make the pages look like a real panel. */
const SCREENSHOTS = SCREENSHOTS_FOR_DOCS;

const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Reads the server's database (the embedded rotation store lives there too). */
function query<T>(sql: string, ...params: unknown[]): T | undefined {
  const db = new Database(E2E_DATABASE_PATH, { readonly: true });
  try {
    return db.prepare(sql).get(...params) as T | undefined;
  } finally {
    db.close();
  }
}

const liveState = (hostId: number) => {
  const row = query<{ state: string }>("SELECT state FROM rotation_state WHERE host_id = ?", hostId);
  return row && (JSON.parse(row.state) as { epoch: number; path: string; next: string });
};

function cliHost(name: string, extra: string[] = [], transport = "ws"): number {
  const output = rotorCli(["host:add", "--name", name, "--address", "edge.example.com", "--port", "443", "--transport", transport, "--security", "tls", ...extra]);
  return Number(output.at(-1)!.replace("id: ", ""));
}

/** Opens a host's page once the server's snapshot has the first state the CLI wrote from another process. */
async function openHost(page: Page, hostId: number): Promise<void> {
  await page.goto(`/hosts/${hostId}`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByText("Current path", { exact: true })).toBeVisible({ timeout: 1000 });
  }).toPass();
}

/** A few more hosts and rotations, so the screenshots show a list and a timeline worth reading. */
function seedForScreenshots() {
  const grpc = cliHost(unique("nl-grpc"), ["--interval", "0", "--announce", "0", "--path-prefix", "/svc/"], "grpc");
  cliHost(unique("us-xhttp"), ["--interval", "1d", "--grace", "2d"], "xhttp");
  rotorCli(["rotate", "--host", String(grpc)]);
}

test.describe("hosts and rotations in the admin UI", () => {
  test("an owner creates a host through the form, sees it listed, and edits it", async ({ page }) => {
    const hostName = unique("ui-host");
    if (SCREENSHOTS) {
      seedForScreenshots();
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.emulateMedia({ colorScheme: "light" });
    }
    await signIn(page);

    // Create, with a bad port first: the error sits beside the field and the form keeps its values.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Hosts" }).click();
    await page.getByRole("link", { name: "Add host" }).click();
    await page.getByLabel("Name", { exact: true }).fill(hostName);
    await page.getByLabel("Address", { exact: true }).fill("de1.example.com");
    await page.getByLabel("Port", { exact: true }).fill("70000");
    await page.getByLabel("Path prefix", { exact: true }).fill("/ui/");
    await page.getByLabel("Announce time", { exact: true }).fill("45s");
    await page.getByRole("button", { name: "Create host" }).click();
    await expect(page.getByLabel("Port", { exact: true })).toHaveAccessibleDescription(/must be between 1 and 65535/);
    await expect(page.getByLabel("Port", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("alert").filter({ hasText: "One field needs attention" })).toBeVisible();
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue(hostName);
    await page.getByLabel("Port", { exact: true }).fill("443");
    await page.getByRole("button", { name: "Create host" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Host created with its first path (epoch 1)." })).toBeVisible();
    const hostId = Number(/\/hosts\/(\d+)$/.exec(page.url().replace(/\?.*$/, ""))![1]);
    const first = liveState(hostId)!;
    expect(first).toMatchObject({ epoch: 1, path: expect.stringMatching(/^\/ui\/[A-Za-z0-9]{22}$/) });
    expect(query("SELECT announce_seconds AS announce FROM hosts WHERE id = ?", hostId)).toEqual({ announce: 45 });
    expect(query("SELECT actor FROM audit_log WHERE action = 'host.create' AND target = ?", `host:${hostId}`)).toEqual({ actor: `admin:${E2E_OWNER.username}` });

    // The list shows it at epoch 1 with its current and next path.
    await page.getByRole("link", { name: "← Hosts" }).click();
    const row = page.getByRole("row", { name: new RegExp(hostName) });
    await expect(row.getByRole("cell").nth(0)).toContainText("de1.example.com:443");
    await expect(row.getByRole("cell").nth(0)).toContainText("ws + tls");
    await expect(row.getByRole("cell").nth(1)).toHaveText("1");
    await expect(row.getByRole("cell").nth(2)).toHaveText(first.path);
    await expect(row.getByRole("cell").nth(3)).toHaveText(first.next);
    await expect(row.getByRole("cell").nth(4)).toContainText("every 6h");
    await expect(row.getByRole("cell").nth(4)).toContainText("grace 1d");
    await expect(row.getByRole("cell").nth(5)).toHaveText("enabled");
    await saveScreenshot(page, "hosts");

    // Edit: a grace below twice the 12 h update interval is warned about, live and after saving.
    await row.getByRole("link", { name: hostName }).click();
    await expect(page.getByRole("heading", { name: hostName, level: 1 })).toBeVisible();
    await expect(page.getByText("Changes apply to paths generated from now on").first()).toBeVisible();
    const grace = page.getByLabel("Grace", { exact: true });
    await expect(grace).toHaveValue("1d");
    await expect(page.getByRole("note")).toHaveCount(0);
    await grace.fill("12h");
    await expect(page.getByRole("note")).toContainText("Grace 12h is shorter than twice the profile update interval (2 × 12h = 1d)");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved (1 field changed)." })).toBeVisible();
    await expect(page.getByRole("note")).toContainText("Grace 12h is shorter");
    expect(query("SELECT grace_seconds AS grace FROM hosts WHERE id = ?", hostId)).toEqual({ grace: 43_200 });
    await page.reload();
    await expect(page.getByLabel("Grace", { exact: true })).toHaveValue("12h");
  });

  test("an owner rotates a host from its page; the dashboard and the timeline follow", async ({ page }) => {
    const hostName = unique("ui-rot");
    const hostId = cliHost(hostName, ["--announce", "0"]);
    if (SCREENSHOTS) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.emulateMedia({ colorScheme: "light" });
    }
    await signIn(page);
    await openHost(page, hostId);
    const first = liveState(hostId)!;

    // Rotate now: the dialog shows current → next; the outcome names the new epoch and path.
    await page.getByRole("button", { name: `Rotate now ${hostName}` }).click();
    const dialog = page.getByRole("dialog", { name: `Rotate ${hostName} now?` });
    await expect(dialog).toContainText(`${first.path} → ${first.next}`);
    await saveScreenshot(page, "rotate-confirm", { fullPage: false });
    await dialog.getByRole("button", { name: "Rotate" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Rotated to epoch 2: clients now get ${first.next}` })).toBeVisible();
    expect(liveState(hostId)).toMatchObject({ epoch: 2, path: first.next });
    expect(query("SELECT from_path AS fromPath, to_path AS toPath, reason, actor FROM rotation_history WHERE host_id = ? AND epoch = 2", hostId)).toEqual({
      fromPath: first.path,
      toPath: first.next,
      reason: "manual",
      actor: `admin:${E2E_OWNER.username}`,
    });

    // The dashboard serves the new path; the timeline has the entry.
    await page.goto("/");
    await expect(page.getByRole("listitem", { name: `Host ${hostName}` }).getByTestId(/^current-path-/)).toHaveText(first.next);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Rotations" }).click();
    await page.getByLabel("Host", { exact: true }).selectOption({ label: hostName });
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(new RegExp(`/rotations\\?hostId=${hostId}$`));
    const entries = page.getByRole("list", { name: "Rotations" }).getByRole("listitem");
    await expect(entries).toHaveCount(2);
    await expect(entries.first()).toHaveAccessibleName(`${hostName} epoch 2`);
    await expect(entries.first()).toContainText("manual");
    await expect(entries.first()).toContainText(`by admin:${E2E_OWNER.username}`);
    await expect(entries.first()).toContainText(`${first.path} → ${first.next}`);
    await expect(entries.nth(1)).toContainText(`first path: ${first.path}`);
    await page.getByLabel("Reason", { exact: true }).selectOption("scheduled");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page.getByText("No rotations match.")).toBeVisible();
    await page.goto("/rotations");
    await saveScreenshot(page, "rotations");
  });

  test("a viewer can only look at a host, and a forged rotation is refused", async ({ page, browser }) => {
    const hostName = unique("ui-view");
    const hostId = cliHost(hostName, ["--announce", "0"]);
    const hostUrl = new URL(`/hosts/${hostId}`, E2E_BASE_URL).href;
    const viewer = { username: unique("viewer"), password: "password" };
    rotorCli(["admin:create", "--username", viewer.username, "--role", "viewer", "--password-stdin"], `${viewer.password}\n`);

    // The owner rotates once, so there is a real rotate request to replay.
    await signIn(page);
    await openHost(page, hostId);
    const first = liveState(hostId)!;
    await page.getByRole("button", { name: `Rotate now ${hostName}` }).click();
    const sent = page.waitForRequest((request) => request.method() === "POST" && request.headers()["next-action"] !== undefined);
    await page.getByRole("dialog", { name: `Rotate ${hostName} now?` }).getByRole("button", { name: "Rotate" }).click();
    const actionRequest = await sent;
    await expect(page.getByRole("status").filter({ hasText: "Rotated to epoch 2" })).toBeVisible();

    // A viewer sees the host and its state, but no button that changes anything.
    const viewerContext = await browser.newContext();
    const viewerPage = await viewerContext.newPage();
    await signIn(viewerPage, viewer);
    await viewerPage.goto("/hosts");
    await expect(viewerPage.getByRole("row", { name: new RegExp(hostName) })).toBeVisible();
    await expect(viewerPage.getByRole("link", { name: "Add host" })).toHaveCount(0);
    await expect(viewerPage.getByRole("button", { name: /Rotate now/ })).toHaveCount(0);
    await viewerPage.goto(hostUrl);
    await expect(viewerPage.getByRole("heading", { name: hostName, level: 1 })).toBeVisible();
    await expect(viewerPage.getByText(first.next).first()).toBeVisible();
    for (const name of [/Rotate/, /Save/, /Delete/, /Disable/, /Enable/]) await expect(viewerPage.getByRole("button", { name })).toHaveCount(0);
    await expect(viewerPage.getByLabel("Grace", { exact: true })).toBeDisabled();
    expect((await viewerPage.goto("/hosts/new"))?.status()).toBe(404);

    // The server refuses the viewer anyway: the owner's exact rotate request, replayed with the viewer's cookies...
    const headers = actionRequest.headers();
    const replay = await viewerPage.request.post(hostUrl, {
      headers: {
        origin: E2E_BASE_URL,
        accept: "text/x-component",
        "next-action": headers["next-action"]!,
        "content-type": headers["content-type"]!,
        "next-router-state-tree": headers["next-router-state-tree"] ?? "",
      },
      data: actionRequest.postDataBuffer()!,
    });
    expect(await replay.text()).toContain("Your role (viewer) may not do this.");
    // ...and a no-JavaScript form post built from the rotate form's hidden action fields.
    await page.goto(hostUrl);
    const fields = await page
      .getByRole("button", { name: `Rotate now ${hostName}` })
      .locator("xpath=ancestor::form")
      .locator('input[type="hidden"]')
      .evaluateAll((inputs) => (inputs as HTMLInputElement[]).map((input) => [input.name, input.value] as const));
    expect(fields.some(([name]) => name.startsWith("$ACTION"))).toBe(true);
    const forged = await viewerPage.request.post(hostUrl, { headers: { origin: E2E_BASE_URL }, multipart: Object.fromEntries(fields) });
    expect(await forged.text()).toContain("Your role (viewer) may not do this.");
    expect(liveState(hostId)?.epoch).toBe(2);
    expect(query("SELECT count(*) AS rows FROM rotation_history WHERE host_id = ?", hostId)).toEqual({ rows: 2 });
    await viewerContext.close();
  });

  test("rotating inside the announce window is refused with how long ago and how long to wait", async ({ page }) => {
    const hostName = unique("ui-soon");
    const hostId = cliHost(hostName, ["--announce", "1h"]);
    await signIn(page);
    await openHost(page, hostId);
    await page.getByRole("button", { name: `Rotate now ${hostName}` }).click();
    await page.getByRole("dialog", { name: `Rotate ${hostName} now?` }).getByRole("button", { name: "Rotate" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Too soon" })).toHaveText(/^Too soon: the next path was announced \d+ s ago; try again in \d+ s\.$/);
    expect(liveState(hostId)?.epoch).toBe(1);
  });

  test("an owner disables, enables and deletes a host; deleting removes its live state", async ({ page }) => {
    const hostName = unique("ui-del");
    const hostId = cliHost(hostName);
    await signIn(page);
    await page.goto(`/hosts/${hostId}`);
    await page.getByRole("button", { name: "Disable host" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Disabled: subscriptions leave this host out" })).toBeVisible();
    expect(query("SELECT enabled FROM hosts WHERE id = ?", hostId)).toEqual({ enabled: 0 });
    await expect(page.getByText(/· disabled$/)).toBeVisible();
    await page.getByRole("button", { name: "Enable host" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Enabled: subscriptions include this host again" })).toBeVisible();
    expect(query("SELECT enabled FROM hosts WHERE id = ?", hostId)).toEqual({ enabled: 1 });
    expect(query("SELECT group_concat(action) AS actions FROM audit_log WHERE target = ? AND action LIKE 'host.%able'", `host:${hostId}`)).toEqual({ actions: "host.disable,host.enable" });

    await page.getByRole("button", { name: "Delete host" }).click();
    const dialog = page.getByRole("dialog", { name: `Delete ${hostName}?` });
    await expect(dialog).toContainText("Edges stop accepting all of its paths at once");
    await dialog.getByRole("button", { name: "Delete host" }).click();
    await expect(page).toHaveURL(/\/hosts\?deleted=1$/);
    await expect(page.getByRole("status").filter({ hasText: "Host deleted." })).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(hostName) })).toHaveCount(0);
    expect(query("SELECT id FROM hosts WHERE id = ?", hostId)).toBeUndefined();
    expect(liveState(hostId)).toBeUndefined();
  });
});
