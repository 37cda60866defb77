import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/record-audit";
import { webhookDeliveries, type WebhookEvent } from "@/lib/db/schema";
import { createHost } from "@/lib/hosts/create-host";
import { recordRotation } from "@/lib/rotation/history";
import { createInitialState } from "@/lib/rotation/state";
import { bulkUpdateUsers } from "@/lib/users/bulk-update-users";
import { createUser } from "@/lib/users/create-user";
import { deleteUser } from "@/lib/users/delete-user";
import { expireUsers } from "@/lib/users/expire-users";
import { setUserStatus } from "@/lib/users/set-user-status";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { enqueueWebhookEvent, type WebhookPayload } from "./enqueue";
import { createWebhook, setWebhookEnabled } from "./manage-webhooks";

let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.close());

const hook = (events: WebhookEvent[], url = "http://127.0.0.1:9/hook") => createWebhook(temp.db, { url, events }, { actor: "test" });
const deliveries = () => temp.db.select().from(webhookDeliveries).orderBy(webhookDeliveries.id).all();
const payloads = () => deliveries().map((row) => JSON.parse(row.payload) as WebhookPayload);

describe("webhook events from audited changes", () => {
  it("queues nothing, and reads nothing extra, when no webhook exists", () => {
    createUser(temp.db, { username: "ann" }, { actor: "test" });
    expect(deliveries()).toEqual([]);
  });

  it("queues user.created with the user in the API shape, one row per subscribed, enabled webhook", () => {
    const both = hook(["user.created", "user.deleted"]);
    const other = hook(["user.deleted"]);
    const paused = hook(["user.created"]);
    setWebhookEnabled(temp.db, { webhookId: paused.id, enabled: false }, { actor: "test" });
    const user = createUser(temp.db, { username: "ann", note: "hello" }, { actor: "admin:root" });

    const rows = deliveries();
    expect(rows).toEqual([expect.objectContaining({ webhookId: both.id, event: "user.created", status: "pending", attempts: 0, lockedUntil: null })]);
    expect(rows.map((row) => row.webhookId)).not.toContain(other.id);
    const [payload] = payloads();
    expect(payload).toEqual({
      id: rows[0]!.eventId,
      event: "user.created",
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: {
        user: expect.objectContaining({ id: user.id, username: "ann", uuid: user.uuid, status: "active", note: "hello", subscriptionUrl: expect.stringContaining(`/sub/${user.subscriptionToken}`) }),
        actor: "admin:root",
        action: "user.create",
      },
    });
    expect(rows[0]!.eventId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("shares one event id and body across the webhooks of one event", () => {
    hook(["user.updated"]);
    hook(["user.updated"], "http://127.0.0.1:10/other");
    const user = createUser(temp.db, { username: "ann" }, { actor: "test" });
    setUserStatus(temp.db, { id: user.id, enabled: false, actor: "test" });
    const [first, second] = deliveries();
    expect(first?.eventId).toBe(second?.eventId);
    expect(first?.payload).toBe(second?.payload);
    expect(payloads()[0]?.data).toMatchObject({ user: { status: "disabled" }, action: "user.disable" });
  });

  it("writes nothing when the change's transaction rolls back", () => {
    hook(["user.created", "user.updated"]);
    const user = createUser(temp.db, { username: "ann" }, { actor: "test" });
    expect(deliveries()).toHaveLength(1);
    expect(() =>
      temp.db.transaction((tx) => {
        recordAudit(tx, { actor: "test", action: "user.update", target: `user:${user.id}`, details: { username: "ann" } });
        // Queued inside the transaction...
        expect(tx.select().from(webhookDeliveries).all()).toHaveLength(2);
        throw new Error("the change failed");
      }),
    ).toThrow("the change failed");
    // ...and gone with it.
    expect(deliveries().map((row) => row.event)).toEqual(["user.created"]);
    expect(() => createUser(temp.db, { username: "ann" }, { actor: "test" })).toThrow(/already exists/);
    expect(deliveries()).toHaveLength(1);
  });

  it("queues a plain event for subscribers only, building its data only then", () => {
    hook(["rotation.failed"]);
    let built = 0;
    const data = () => ({ n: ++built });
    expect(temp.db.transaction((tx) => enqueueWebhookEvent(tx, "edge.lagging", data))).toBeNull();
    expect(built).toBe(0);
    expect(temp.db.transaction((tx) => enqueueWebhookEvent(tx, "rotation.failed", data))).toMatch(/^[0-9a-f-]{36}$/);
    expect(payloads()).toEqual([expect.objectContaining({ event: "rotation.failed", data: { n: 1 } })]);
  });

  it("turns a deletion into user.deleted with the id and username the audit entry kept", () => {
    hook(["user.deleted"]);
    const user = createUser(temp.db, { username: "gone" }, { actor: "test" });
    deleteUser(temp.db, { id: user.id, actor: "admin:root" });
    expect(payloads()).toEqual([expect.objectContaining({ event: "user.deleted", data: { user: { id: user.id, username: "gone" }, actor: "admin:root", action: "user.delete" } })]);
  });

  it("turns a bulk entry into one event per affected user", () => {
    hook(["user.updated", "user.deleted"]);
    const ids = ["bob1", "bob2", "bob3"].map((username) => createUser(temp.db, { username }, { actor: "test" }).id);
    bulkUpdateUsers(temp.db, { action: "disable", ids }, { actor: "test" });
    bulkUpdateUsers(temp.db, { action: "delete", ids: [ids[2], ids[0]] }, { actor: "test" });
    const events = payloads().map((payload) => [payload.event, (payload.data.user as { id: number; username?: string }).id, (payload.data.user as { username?: string }).username]);
    expect(events).toEqual([
      ["user.updated", ids[0], "bob1"],
      ["user.updated", ids[1], "bob2"],
      ["user.updated", ids[2], "bob3"],
      ["user.deleted", ids[0], "bob1"],
      ["user.deleted", ids[2], "bob3"],
    ]);
    expect(new Set(deliveries().map((row) => row.eventId)).size).toBe(5);
  });

  it("queues user.expired from the expiry job", () => {
    hook(["user.expired"]);
    createUser(temp.db, { username: "late", expiresAt: new Date("2026-01-01T00:00:00Z") }, { actor: "test" });
    expireUsers(temp.db, new Date("2026-02-01T00:00:00Z"));
    expect(payloads()).toEqual([expect.objectContaining({ event: "user.expired", data: expect.objectContaining({ user: expect.objectContaining({ username: "late", status: "expired" }), actor: "system:expiry" }) })]);
  });

  it("ignores its own admin actions (webhook.*)", () => {
    hook(["user.created", "user.updated"]);
    const created = hook(["user.updated"]);
    setWebhookEnabled(temp.db, { webhookId: created.id, enabled: false }, { actor: "test" });
    expect(deliveries()).toEqual([]);
  });

  it("queues rotation.completed once per (host, epoch), whoever records the history row", () => {
    hook(["rotation.completed"]);
    const host = createHost(temp.db, { name: "h", address: "edge.example.com", port: 443, transport: "ws", security: "tls" }, { actor: "test" });
    const state = { ...createInitialState({ ...host, id: host.id }, { path: "/a", next: "/b" }, new Date("2026-03-01T12:00:00Z"), "admin:root"), epoch: 7 };
    expect(recordRotation(temp.db, state)).toBe(true);
    expect(recordRotation(temp.db, state)).toBe(false);
    expect(payloads()).toEqual([
      expect.objectContaining({
        event: "rotation.completed",
        data: { hostId: host.id, epoch: 7, fromPath: null, toPath: "/a", at: "2026-03-01T12:00:00.000Z", reason: "initial", actor: "admin:root" },
      }),
    ]);
  });
});
