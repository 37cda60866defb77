import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, expect, it } from "vitest";
import { webhookDeliveries } from "@/lib/db/schema";
import { freePort } from "@/test/support/free-port";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { createWebhook } from "./manage-webhooks";
import { sendTestEvent, TEST_EVENT } from "./send-test-event";

let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.close());

it("POSTs a signed webhook.test at once, reports the answer, and queues nothing", async () => {
  const got: Array<{ body: string; signature: string; event: string; delivery: string }> = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      got.push({ body: Buffer.concat(chunks).toString(), signature: String(request.headers["x-rotor-signature"]), event: String(request.headers["x-rotor-event"]), delivery: String(request.headers["x-rotor-delivery"]) });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const webhook = createWebhook(temp.db, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, events: ["user.created"] }, { actor: "t" });
    expect(await sendTestEvent(temp.db, { webhookId: String(webhook.id) }, { actor: "admin:root" })).toEqual({ ok: true, status: 200, error: "", url: webhook.url });
    const [request] = got;
    expect(request).toMatchObject({ event: TEST_EVENT, delivery: "0", signature: `sha256=${createHmac("sha256", webhook.secret).update(request!.body).digest("hex")}` });
    expect(JSON.parse(request!.body)).toMatchObject({ event: TEST_EVENT, data: { webhookId: webhook.id, actor: "admin:root" } });
    expect(temp.db.select().from(webhookDeliveries).all()).toEqual([]);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

it("says why when the receiver is unreachable", async () => {
  const webhook = createWebhook(temp.db, { url: `http://127.0.0.1:${await freePort()}/`, events: ["user.created"] }, { actor: "t" });
  expect(await sendTestEvent(temp.db, { webhookId: webhook.id }, { actor: "t" })).toMatchObject({ ok: false, status: null, error: expect.stringMatching(/ECONNREFUSED/) });
  await expect(sendTestEvent(temp.db, { webhookId: 999 }, { actor: "t" })).rejects.toMatchObject({ code: "not_found" });
});
