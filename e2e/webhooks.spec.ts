import { createHmac, timingSafeEqual } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { startAppServer, type AppServer } from "./support/app-server";
import { pickFreePort } from "./support/environment";
import { saveScreenshot } from "./support/screenshots";
import { signIn } from "./support/sign-in";

/**
 * The app under test runs as its own server process on its own database (like
 * server-lifecycle.spec.ts), so the test can stop it and start it again on the same file.
 */
const APP_PORT = pickFreePort();
const APP_URL = `http://127.0.0.1:${APP_PORT}`;
const OWNER = { username: "hook-owner", password: "hook-owner-password" };

test.use({ baseURL: APP_URL });

interface Delivery {
  event: string;
  deliveryId: string;
  verified: boolean;
  payload: { id: string; event: string; data: { user?: { username?: string } } };
  body: string;
}

/** A receiver on loopback that checks X-Rotor-Signature the way docs/webhooks.md tells integrators to. */
class Receiver {
  readonly received: Delivery[] = [];
  secret = "";
  private server: Server | undefined;

  constructor(readonly port: number) {}

  get url() {
    return `http://127.0.0.1:${this.port}/rotor-hook`;
  }

  start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const raw = Buffer.concat(chunks);
        const expected = Buffer.from(`sha256=${createHmac("sha256", this.secret).update(raw).digest("hex")}`);
        const given = Buffer.from(String(request.headers["x-rotor-signature"] ?? ""));
        const verified = expected.length === given.length && timingSafeEqual(expected, given);
        const body = raw.toString("utf8");
        this.received.push({ event: String(request.headers["x-rotor-event"]), deliveryId: String(request.headers["x-rotor-delivery"]), verified, payload: JSON.parse(body), body });
        response.writeHead(verified ? 204 : 401).end();
      });
    });
    return new Promise((resolve) => this.server!.listen(this.port, "127.0.0.1", resolve));
  }

  /** Stops listening and drops the app's kept-alive connections, so the next attempt is refused at once. */
  stop(): Promise<void> {
    const server = this.server;
    if (!server) return Promise.resolve();
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    return closed;
  }

  forUser(username: string) {
    return this.received.filter((delivery) => delivery.payload.data.user?.username === username);
  }
}

/** The app under test, on the test's own database; started again on the same file to restart it. */
function startApp(request: APIRequestContext, databasePath: string): Promise<AppServer> {
  return startAppServer(request, APP_PORT, {
    DATABASE_PATH: databasePath,
    AUTH_SECRET: "webhooks-e2e-auth-secret-0123456789abcdef",
    ROTOR_ADMIN_USERNAME: OWNER.username,
    ROTOR_ADMIN_PASSWORD: OWNER.password,
    // Retries at 0.3 s, 0.6 s, 1.2 s ... instead of 5 s, 10 s, 20 s.
    ROTOR_WEBHOOK_RETRY_BASE_MS: "300",
  });
}

test("a webhook set up in the browser gets signed events, retried across an app restart until the receiver is back, and resent on request", async ({ page, request }) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), "rotor-webhooks-"));
  const databasePath = path.join(dir, "rotor.db");
  const receiver = new Receiver(pickFreePort());
  let app: AppServer | undefined = await startApp(request, databasePath);
  const deliveryRows = (eventId: string) => {
    const db = new Database(databasePath, { readonly: true });
    try {
      return db.prepare("SELECT id, status, attempts, response_status AS responseStatus FROM webhook_deliveries WHERE event_id = ? ORDER BY id").all(eventId) as Array<{ id: number; status: string; attempts: number; responseStatus: number | null }>;
    } finally {
      db.close();
    }
  };
  const createUser = async (username: string) => {
    await page.goto("/users/new");
    await page.getByLabel("Username").fill(username);
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByRole("heading", { level: 1, name: username })).toBeVisible();
  };

  try {
    await receiver.start();
    await signIn(page, OWNER);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Webhooks" }).click();
    await page.getByLabel("URL").fill("ftp://nope.example");
    await page.getByRole("checkbox", { name: /^user\.created/ }).check();
    await page.getByRole("button", { name: "Add webhook" }).click();
    await expect(page.getByLabel("URL")).toHaveAccessibleDescription(/must be an absolute http\(s\) URL/);
    // The refused form keeps what was typed.
    await expect(page.getByRole("checkbox", { name: /^user\.created/ })).toBeChecked();
    // Credentials in the URL are refused too: fetch would not send them, and its error would quote them.
    await page.getByLabel("URL").fill("http://hook-user:hook-password@127.0.0.1:9/hook");
    await page.getByRole("button", { name: "Add webhook" }).click();
    await expect(page.getByLabel("URL")).toHaveAccessibleDescription(/must not contain a user name or password/);
    await page.getByLabel("URL").fill(receiver.url);
    await page.getByLabel("Description").fill("e2e receiver");
    await page.getByRole("button", { name: "Add webhook" }).click();
    receiver.secret = (await page.getByLabel("Signing secret", { exact: true }).textContent())!;
    expect(receiver.secret).toMatch(/^rwh_/);
    const webhookRow = page.getByRole("row", { name: new RegExp(receiver.url) });
    await expect(webhookRow).toContainText("user.created");
    await webhookRow.getByRole("button", { name: "Send test" }).click();
    await expect(webhookRow.getByRole("status")).toHaveText("Test event delivered (HTTP 204).");
    expect(receiver.received).toEqual([expect.objectContaining({ event: "webhook.test", verified: true })]);

    await webhookRow.getByRole("link", { name: `Edit ${receiver.url}` }).click();
    await expect(page.getByRole("heading", { name: "Edit webhook" })).toBeVisible();
    await expect(page.getByLabel("Description")).toHaveValue("e2e receiver");
    await page.getByLabel("Description").fill("e2e receiver, edited");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved (description).");

    // Receiver up: user.created arrives signed.
    await createUser("hooked-first");
    await expect.poll(() => receiver.forUser("hooked-first")).toEqual([expect.objectContaining({ event: "user.created", verified: true })]);

    // Receiver down: the event waits in the queue and is retried; the log shows it.
    await receiver.stop();
    await createUser("hooked-second");
    await page.goto("/webhooks?status=pending");
    const pending = page.getByRole("table", { name: "Webhook deliveries" }).getByRole("row").filter({ hasText: "user.created" });
    await expect(async () => {
      await page.reload();
      await expect(pending).toHaveCount(1, { timeout: 500 });
      await expect(pending.getByRole("cell").nth(5)).not.toHaveText(/^[01]$/, { timeout: 500 });
    }).toPass({ timeout: 15_000 });
    await expect(pending).toContainText("ECONNREFUSED");

    // The app restarts on the same database; the receiver comes back; the queued event is delivered.
    await app.stop();
    app = undefined;
    app = await startApp(request, databasePath);
    await receiver.start();
    await expect.poll(() => receiver.forUser("hooked-second"), { timeout: 20_000 }).toEqual([expect.objectContaining({ event: "user.created", verified: true })]);
    const second = receiver.forUser("hooked-second")[0]!;
    expect(deliveryRows(second.payload.id)).toEqual([expect.objectContaining({ status: "delivered", responseStatus: 204, attempts: expect.any(Number) })]);
    expect(deliveryRows(second.payload.id)[0]!.attempts).toBeGreaterThanOrEqual(3);

    // Resend from the log: the same event (id and body) arrives again as a new delivery.
    await page.goto("/webhooks?status=delivered");
    const row = page.getByRole("table", { name: "Webhook deliveries" }).getByRole("row").filter({ has: page.getByRole("cell", { name: second.deliveryId, exact: true }) });
    await expect(row).toContainText("delivered");
    await row.getByRole("button", { name: "Resend" }).click();
    await expect(row.getByRole("status")).toContainText("Queued user.created again");
    await expect.poll(() => receiver.forUser("hooked-second").length, { timeout: 10_000 }).toBe(2);
    const resent = receiver.forUser("hooked-second")[1]!;
    expect(resent).toMatchObject({ verified: true, body: second.body });
    expect(resent.deliveryId).not.toBe(second.deliveryId);
    await page.goto("/webhooks");
    await expect(page.getByRole("table", { name: "Webhook deliveries" }).getByRole("row").filter({ hasText: "delivered" })).toHaveCount(3);
    await saveScreenshot(page, "webhooks");
  } finally {
    await receiver.stop();
    if (app) await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
