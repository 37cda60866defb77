import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog, hosts } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { EmbeddedRotationStore } from "@/lib/rotation/embedded-store";
import { initializeHostState, rotateHost, type RotationDeps } from "@/lib/rotation/rotator";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { createHost } from "./create-host";
import { updateHost } from "./update-host";

describe("updateHost", () => {
  let temp: TempDb;
  let store: EmbeddedRotationStore;
  let deps: RotationDeps;
  let clock: Date;

  const addHost = (fields: Record<string, unknown> = {}) =>
    createHost(temp.db, { name: `h-${Math.random()}`, address: "edge.example.com", port: 443, transport: "ws", security: "tls", ...fields }, { actor: "test" });
  const audits = () => temp.db.select().from(auditLog).where(eq(auditLog.actor, "admin:ann")).orderBy(asc(auditLog.id)).all();
  const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

  beforeEach(() => {
    temp = createTempDb();
    store = new EmbeddedRotationStore(temp.db, { pollMs: 20 });
    clock = new Date("2026-03-01T12:00:00Z");
    deps = { db: temp.db, store, now: () => clock };
  });
  afterEach(async () => {
    await store.close();
    temp.close();
  });

  it("changes only the given fields and audits each old and new value", async () => {
    const host = addHost({ sni: "front.example.com" });
    const result = await updateHost(deps, host.id, { port: 8443, pathPrefix: "/api/" }, { actor: "admin:ann" });
    expect(result.changed).toEqual(["port", "pathPrefix"]);
    expect(result.host).toMatchObject({ port: 8443, pathPrefix: "/api/", sni: "front.example.com", name: host.name, transport: "ws" });
    expect(result.host.updatedAt.getTime()).toBeGreaterThanOrEqual(host.updatedAt.getTime());
    expect(temp.db.select().from(hosts).where(eq(hosts.id, host.id)).get()).toMatchObject({ port: 8443, pathPrefix: "/api/" });
    expect(audits()).toMatchObject([
      {
        action: "host.update",
        target: `host:${host.id}`,
        details: { name: host.name, changes: { port: { from: 443, to: 8443 }, pathPrefix: { from: "/", to: "/api/" } } },
      },
    ]);
  });

  it("records enabling and disabling as their own audit entries", async () => {
    const host = addHost();
    await updateHost(deps, host.id, { enabled: false, graceSeconds: 7200 }, { actor: "admin:ann" });
    expect(audits().map((entry) => [entry.action, entry.details])).toEqual([
      ["host.update", { name: host.name, changes: { graceSeconds: { from: 86_400, to: 7200 } } }],
      ["host.disable", { name: host.name }],
    ]);
  });

  it("changes and audits nothing when every value is the same", async () => {
    const host = addHost();
    const result = await updateHost(deps, host.id, { port: 443, name: ` ${host.name} ` }, { actor: "admin:ann" });
    expect(result).toMatchObject({ changed: [], schedule: "unchanged" });
    expect(audits()).toEqual([]);
  });

  it("validates the merged host: field errors for bad values, cross-field rules against stored fields", async () => {
    const host = addHost();
    const bad = await failure(updateHost(deps, host.id, { port: 70_000, address: "not a host!", pathPrefix: "api" }, { actor: "admin:ann" }));
    expect(bad).toBeInstanceOf(AppError);
    expect(bad).toMatchObject({ code: "invalid_request", status: 400 });
    expect((bad as AppError).details.issues?.map((issue) => issue.field).sort()).toEqual(["address", "pathPrefix", "port"]);
    // REALITY needs a public key and grpc/xhttp: the stored transport (ws) is checked too.
    const reality = await failure(updateHost(deps, host.id, { security: "reality" }, { actor: "admin:ann" }));
    expect((reality as AppError).details.issues).toEqual([
      { field: "realityPublicKey", message: "is required with security reality" },
      { field: "security", message: "reality works with grpc or xhttp transports only" },
    ]);
    expect(temp.db.select().from(hosts).where(eq(hosts.id, host.id)).get()).toMatchObject({ port: 443, security: "tls" });
    expect(audits()).toEqual([]);
  });

  it("refuses unknown fields and non-objects instead of ignoring them", async () => {
    const host = addHost();
    expect(await failure(updateHost(deps, host.id, { prot: 80 }, { actor: "admin:ann" }))).toMatchObject({
      code: "invalid_request",
      details: { issues: [{ field: "prot", message: "is not a host field" }] },
    });
    expect(await failure(updateHost(deps, host.id, [1], { actor: "admin:ann" }))).toMatchObject({ code: "invalid_request" });
  });

  it("answers 409 with a field error when the new name is taken, and 404 for an unknown host", async () => {
    const taken = addHost({ name: "de-1" });
    const host = addHost({ name: "de-2" });
    const conflict = await failure(updateHost(deps, host.id, { name: "de-1" }, { actor: "admin:ann" }));
    expect(conflict).toMatchObject({ code: "conflict", status: 409, message: 'a host named "de-1" already exists', details: { issues: [{ field: "name", message: "is already taken" }] } });
    expect(temp.db.select().from(hosts).where(eq(hosts.id, host.id)).get()?.name).toBe("de-2");
    expect(taken.name).toBe("de-1");
    expect(await failure(updateHost(deps, 9999, { port: 80 }, { actor: "admin:ann" }))).toMatchObject({ code: "not_found", status: 404 });
  });

  it("moves the live next rotation time to the new interval, counted from the last rotation", async () => {
    const host = addHost({ rotationIntervalSeconds: 0, announceSeconds: 0 });
    await initializeHostState(deps, host.id, "test");
    clock = new Date("2026-03-01T13:00:00Z");
    const rotated = await rotateHost(deps, { hostId: host.id, reason: "manual", actor: "test" });
    expect(rotated.state.nextRotationAt).toBeNull();

    const result = await updateHost(deps, host.id, { rotationIntervalSeconds: 6 * 3600 }, { actor: "admin:ann" });
    expect(result.schedule).toBe("updated");
    const stored = (await store.get(host.id))!.state;
    expect(stored).toEqual({ ...rotated.state, nextRotationAt: "2026-03-01T19:00:00.000Z" });

    await updateHost(deps, host.id, { rotationIntervalSeconds: 0 }, { actor: "admin:ann" });
    expect((await store.get(host.id))!.state.nextRotationAt).toBeNull();
  });

  it("keeps the change and defers the schedule when the rotation store is unreachable", async () => {
    const host = addHost();
    await initializeHostState(deps, host.id, "test");
    const down = { ...deps, store: { ...store, get: () => Promise.reject(new AppError("store_unavailable", "down")) } as unknown as EmbeddedRotationStore };
    const result = await updateHost(down, host.id, { rotationIntervalSeconds: 3600 }, { actor: "admin:ann" });
    expect(result).toMatchObject({ schedule: "deferred", host: { rotationIntervalSeconds: 3600 } });
  });
});
