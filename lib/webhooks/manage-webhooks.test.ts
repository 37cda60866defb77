import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog, webhookDeliveries } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createUser } from "@/lib/users/create-user";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { createWebhook, deleteWebhook, getWebhook, listWebhooks, regenerateWebhookSecret, setWebhookEnabled, updateWebhook } from "./manage-webhooks";
import { claimDueDeliveries } from "./claim-deliveries";
import { recordAttempt } from "./deliver";
import { describeResend, listDeliveries, resendDelivery } from "./deliveries";
import { WEBHOOK_SECRET_PREFIX } from "./signature";

let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.close());

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, issues: error.details.issues };
    throw error;
  }
  throw new Error("expected a refusal");
};

describe("managing webhooks", () => {
  it("validates the URL and the events, naming the field", () => {
    expect(refusal(() => createWebhook(temp.db, { url: "ftp://x.example", events: ["user.created"] }, { actor: "t" }))).toEqual({
      code: "invalid_request",
      issues: [{ field: "url", message: expect.stringMatching(/http\(s\) URL/) }],
    });
    for (const url of ["not a url", "http://", "javascript:alert(1)", "https://exa mple.com"]) {
      expect(refusal(() => createWebhook(temp.db, { url, events: ["user.created"] }, { actor: "t" })).issues?.[0]?.field).toBe("url");
    }
    // fetch refuses userinfo and would quote the password in the error it stores and shows.
    for (const url of ["http://user:pw@hooks.example/x", "https://token@hooks.example/x", "https://:pw@hooks.example/"]) {
      expect(refusal(() => createWebhook(temp.db, { url, events: ["user.created"] }, { actor: "t" })).issues).toEqual([
        { field: "url", message: expect.stringMatching(/^must not contain a user name or password/) },
      ]);
    }
    const kept = createWebhook(temp.db, { url: "https://hooks.example/x", events: ["user.created"] }, { actor: "t" });
    expect(refusal(() => updateWebhook(temp.db, { webhookId: kept.id, url: "https://u:p@hooks.example/x", events: ["user.created"] }, { actor: "t" })).issues?.[0]?.field).toBe("url");
    deleteWebhook(temp.db, { webhookId: kept.id }, { actor: "t" });
    for (const url of ["http://localhost:3000/hook", "http://[::1]:8080/hook", "https://hooks.example.com/rotor?key=1"]) {
      expect(createWebhook(temp.db, { url, events: ["user.created"] }, { actor: "t" }).url).toBe(url);
    }
    expect(refusal(() => createWebhook(temp.db, { url: "https://h.example/x", events: [] }, { actor: "t" })).issues).toEqual([{ field: "events", message: "pick at least one event" }]);
    expect(refusal(() => createWebhook(temp.db, { url: "https://h.example/x", events: ["user.nope"] }, { actor: "t" })).issues?.[0]?.field).toBe("events.0");
    expect(refusal(() => setWebhookEnabled(temp.db, { webhookId: "99", enabled: true }, { actor: "t" })).code).toBe("not_found");
  });

  it("creates, pauses, re-keys and deletes, auditing each without the secret", () => {
    const created = createWebhook(temp.db, { url: " http://127.0.0.1:8080/hook ", events: ["user.deleted", "user.created", "user.created"], description: "billing" }, { actor: "admin:root" });
    expect(created).toMatchObject({ url: "http://127.0.0.1:8080/hook", events: ["user.created", "user.deleted"], enabled: true, description: "billing" });
    expect(created.secret.startsWith(WEBHOOK_SECRET_PREFIX)).toBe(true);
    expect(setWebhookEnabled(temp.db, { webhookId: String(created.id), enabled: false }, { actor: "admin:root" }).enabled).toBe(false);
    expect(regenerateWebhookSecret(temp.db, { webhookId: created.id }, { actor: "admin:root" }).secret).not.toBe(created.secret);
    deleteWebhook(temp.db, { webhookId: created.id }, { actor: "admin:root" });
    expect(listWebhooks(temp.db)).toEqual([]);
    const audits = temp.db.select().from(auditLog).all();
    expect(audits.map((entry) => entry.action)).toEqual(["webhook.create", "webhook.update", "webhook.update", "webhook.delete"]);
    expect(JSON.stringify(audits)).not.toContain(WEBHOOK_SECRET_PREFIX);
    // Only the origin: a receiver's path or query may hold its own secret, and viewers read the audit log.
    expect(audits.map((entry) => entry.details.url)).toEqual(Array(4).fill("http://127.0.0.1:8080"));
  });
});

describe("editing a webhook", () => {
  it("changes URL, events and description, audits the changes, and keeps the secret", () => {
    const created = createWebhook(temp.db, { url: "https://a.example/hook", events: ["user.created"] }, { actor: "t" });
    const edited = updateWebhook(temp.db, { webhookId: String(created.id), url: "https://b.example/hook", events: ["rotation.failed", "user.created"], description: "" }, { actor: "admin:root" });
    expect(edited.changed).toEqual(["url", "events"]);
    expect(getWebhook(temp.db, { webhookId: created.id })).toMatchObject({ url: "https://b.example/hook", events: ["user.created", "rotation.failed"], secret: created.secret });
    expect(updateWebhook(temp.db, { webhookId: created.id, url: "https://b.example/hook", events: ["user.created", "rotation.failed"] }, { actor: "t" }).changed).toEqual([]);
    const audits = temp.db.select().from(auditLog).all().filter((entry) => entry.action === "webhook.update");
    expect(audits).toEqual([
      expect.objectContaining({
        actor: "admin:root",
        details: { url: "https://b.example", changes: { url: { from: "https://a.example", to: "https://b.example" }, events: { from: ["user.created"], to: ["user.created", "rotation.failed"] } } },
      }),
    ]);
    expect(refusal(() => updateWebhook(temp.db, { webhookId: created.id, url: "nope", events: [] }, { actor: "t" })).issues?.map((issue) => issue.field)).toEqual(["url", "events"]);
    expect(refusal(() => updateWebhook(temp.db, { webhookId: 99, url: "https://c.example", events: ["user.created"] }, { actor: "t" })).code).toBe("not_found");
    expect(refusal(() => getWebhook(temp.db, { webhookId: "abc" })).code).toBe("invalid_request");
  });
});

describe("the delivery log", () => {
  it("lists newest first, filters by status and webhook, pages", () => {
    const a = createWebhook(temp.db, { url: "http://127.0.0.1:9/a", events: ["user.created"] }, { actor: "t" });
    const b = createWebhook(temp.db, { url: "http://127.0.0.1:9/b", events: ["user.created"] }, { actor: "t" });
    for (const username of ["one", "two", "three"]) createUser(temp.db, { username }, { actor: "t" });
    const all = listDeliveries(temp.db, { page: 1 }, 4);
    expect(all.rows.map((row) => row.id)).toEqual([6, 5, 4, 3]);
    expect(all.hasNext).toBe(true);
    expect(listDeliveries(temp.db, { page: 2 }, 4)).toEqual({ rows: [expect.objectContaining({ id: 2 }), expect.objectContaining({ id: 1 })], hasNext: false });
    expect(listDeliveries(temp.db, { page: 1, webhookId: b.id }).rows.map((row) => [row.id, row.url])).toEqual([
      [6, b.url],
      [4, b.url],
      [2, b.url],
    ]);
    expect(listDeliveries(temp.db, { page: 1, status: "failed", webhookId: a.id }).rows).toEqual([]);
    expect(all.rows[0]).not.toHaveProperty("payload");
  });

  it("resends: a pending row is made due now, a finished one is copied", () => {
    createWebhook(temp.db, { url: "http://127.0.0.1:9/a", events: ["user.created"] }, { actor: "t" });
    createUser(temp.db, { username: "one" }, { actor: "t" });
    const now = new Date("2030-01-01T00:00:00Z");
    temp.db.update(webhookDeliveries).set({ nextAttemptAt: new Date("2031-01-01T00:00:00Z") }).run();
    expect(resendDelivery(temp.db, { deliveryId: "1" }, { actor: "admin:root", now }).id).toBe(1);
    expect(temp.db.select().from(webhookDeliveries).all()).toEqual([expect.objectContaining({ id: 1, nextAttemptAt: now })]);
    temp.db.update(webhookDeliveries).set({ status: "failed", attempts: 9 }).run();
    expect(resendDelivery(temp.db, { deliveryId: 1 }, { actor: "admin:root", now }).id).toBe(2);
    const [original, copy] = temp.db.select().from(webhookDeliveries).all();
    expect(copy).toMatchObject({ status: "pending", attempts: 0, eventId: original?.eventId, payload: original?.payload, nextAttemptAt: now });
    expect(refusal(() => resendDelivery(temp.db, { deliveryId: 99 }, { actor: "t" })).code).toBe("not_found");
    expect(temp.db.select().from(auditLog).all().filter((entry) => entry.action === "webhook.resend")).toHaveLength(2);
  });

  it("resends a row being sent as a new delivery, which the attempt in flight cannot overwrite", () => {
    createWebhook(temp.db, { url: "http://127.0.0.1:9/a", events: ["user.created"] }, { actor: "t" });
    createUser(temp.db, { username: "one" }, { actor: "t" });
    const now = new Date("2030-01-01T00:00:00Z");
    temp.db.update(webhookDeliveries).set({ nextAttemptAt: now, createdAt: now }).run();
    const [inFlight] = claimDueDeliveries(temp.db, { now, limit: 10 });
    const resent = resendDelivery(temp.db, { deliveryId: inFlight!.id }, { actor: "admin:root", now });
    expect(resent).toEqual({ resent: inFlight!.id, id: inFlight!.id + 1, event: "user.created", wasInFlight: true, webhookEnabled: true });
    // The attempt in flight fails and reschedules its own row; the resend is still due now.
    recordAttempt(temp.db, inFlight!, { ok: false, status: 503, error: "HTTP 503" }, { now, retryBaseMs: 60_000 });
    const [copy] = claimDueDeliveries(temp.db, { now, limit: 10 });
    expect(copy).toMatchObject({ id: resent.id, eventId: inFlight!.eventId, payload: inFlight!.payload });
  });

  it("says what a resend did, and that a disabled webhook's delivery waits", () => {
    const webhook = createWebhook(temp.db, { url: "http://127.0.0.1:9/a", events: ["user.created"] }, { actor: "t" });
    createUser(temp.db, { username: "one" }, { actor: "t" });
    setWebhookEnabled(temp.db, { webhookId: webhook.id, enabled: false }, { actor: "t" });
    const result = resendDelivery(temp.db, { deliveryId: 1 }, { actor: "admin:root" });
    expect(result).toMatchObject({ id: 1, webhookEnabled: false });
    expect(describeResend(result)).toBe("Queued user.created again (delivery #1), but its webhook is disabled: it is sent once the webhook is enabled again.");
    const base = { resent: 5, event: "user.created", wasInFlight: false, webhookEnabled: true };
    expect(describeResend({ ...base, id: 5 })).toBe("Queued user.created again (delivery #5): it is due now.");
    expect(describeResend({ ...base, id: 7 })).toBe("Queued user.created again (delivery #7).");
    expect(describeResend({ ...base, id: 7, wasInFlight: true })).toBe("Queued user.created again (delivery #7); #5 was being sent at that moment and finishes on its own.");
  });
});
