import { asc } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/db/schema";
import { CatalogCache } from "@/lib/subscription/catalog";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { createHost } from "./create-host";
import { setHostEnabled } from "./set-host-enabled";

describe("setHostEnabled", () => {
  let temp: TempDb;
  beforeEach(() => {
    temp = createTempDb();
  });
  afterEach(() => temp.close());

  const actions = () => temp.db.select({ action: auditLog.action, actor: auditLog.actor, target: auditLog.target }).from(auditLog).orderBy(asc(auditLog.id)).all();

  it("disables and enables a host, audited as host.disable and host.enable; a repeat changes nothing", () => {
    const host = createHost(temp.db, { name: "de-1", address: "edge.example.com", port: 443, transport: "ws", security: "tls" }, { actor: "cli" });
    expect(setHostEnabled(temp.db, host.id, { enabled: false, actor: "admin:ann" }).enabled).toBe(false);
    expect(setHostEnabled(temp.db, host.id, { enabled: false, actor: "admin:ann" }).enabled).toBe(false);
    expect(setHostEnabled(temp.db, host.id, { enabled: true, actor: "admin:bob" }).enabled).toBe(true);
    expect(actions()).toEqual([
      { action: "host.create", actor: "cli", target: `host:${host.id}` },
      { action: "host.disable", actor: "admin:ann", target: `host:${host.id}` },
      { action: "host.enable", actor: "admin:bob", target: `host:${host.id}` },
    ]);
  });

  it("reaches /sub's catalog at once, though the write came through the catalog's own connection", () => {
    const host = createHost(temp.db, { name: "de-1", address: "edge.example.com", port: 443, transport: "ws", security: "tls" }, { actor: "cli" });
    // A long refresh interval: only the explicit change signal can make it reload.
    const cache = new CatalogCache(temp.db, 60_000);
    expect(cache.get().hosts.map((entry) => entry.id)).toEqual([host.id]);
    setHostEnabled(temp.db, host.id, { enabled: false, actor: "admin:ann" });
    expect(cache.get().hosts).toEqual([]);
  });

  it("answers 404 for an unknown host", () => {
    expect(() => setHostEnabled(temp.db, 4242, { enabled: false, actor: "admin:ann" })).toThrow(expect.objectContaining({ code: "not_found" }));
  });
});
