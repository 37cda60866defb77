import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { hosts, settings } from "@/lib/db/schema";
import { createHost } from "@/lib/hosts/create-host";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { CatalogCache } from "./catalog";

describe("CatalogCache", () => {
  let temp: TempDb;
  let cache: CatalogCache;
  const addHost = (name: string, db = temp.db) =>
    createHost(db, { name, address: `${name}.example.com`, port: 443, transport: "ws", security: "tls" }, { actor: "test" });

  beforeEach(() => {
    temp = createTempDb();
    cache = new CatalogCache(temp.db, 10);
  });
  afterEach(() => {
    cache.stop();
    temp.close();
  });

  it("holds the seeded settings and rules and the enabled hosts in display order", () => {
    addHost("b");
    const disabled = addHost("c");
    temp.db.update(hosts).set({ enabled: false }).where(eq(hosts.id, disabled.id)).run();
    temp.db.update(hosts).set({ sortOrder: -1 }).where(eq(hosts.name, "b")).run();
    addHost("a");
    cache.invalidate();
    const catalog = cache.get();
    expect(catalog.settings).toMatchObject({ profileTitle: "Rotor", updateIntervalHours: 12, remarkTemplate: "{HOST} · {USERNAME}" });
    expect(catalog.hosts.map((host) => host.name)).toEqual(["b", "a"]);
    expect(catalog.detector.detect("HiddifyNext/2.5.7", null)).toBe("singbox");
  });

  it("reloads by itself after another connection (the CLI, the admin UI elsewhere) commits", async () => {
    const other = openDatabase(temp.file);
    addHost("from-cli", other);
    other.update(settings).set({ profileTitle: "Renamed", version: 2 }).where(eq(settings.id, 1)).run();
    other.$client.close();
    await expect.poll(() => cache.get().settings.profileTitle).toBe("Renamed");
    expect(cache.get().hosts.map((host) => host.name)).toEqual(["from-cli"]);
  });
});
