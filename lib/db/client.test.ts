import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { openDatabase, type Db } from "./client";
import { settings } from "./schema";

describe("openDatabase transactions", () => {
  let temp: TempDb;
  let other: Db;
  beforeEach(() => {
    temp = createTempDb();
    other = openDatabase(temp.file);
    // The other process gives up at once instead of waiting out busy_timeout.
    other.$client.pragma("busy_timeout = 0");
  });
  afterEach(() => {
    other.$client.close();
    temp.close();
  });

  const title = (db: Db) => db.select({ title: settings.profileTitle }).from(settings).where(eq(settings.id, 1)).get()?.title;

  it("take the write lock first, so a read-then-write is never refused because another connection wrote in between", () => {
    const result = temp.db.transaction((tx) => {
      const before = tx.select({ title: settings.profileTitle }).from(settings).get()?.title;
      // Another process tries to write between our read and our write: it must wait for us, not we for it.
      expect(() => other.update(settings).set({ profileTitle: "Other" }).run()).toThrow(/database is locked/);
      tx.update(settings).set({ profileTitle: `${before} edited` }).run();
      return "committed";
    });
    expect(result).toBe("committed");
    expect(title(other)).toBe("Rotor edited");
  });

  it("stay deferred when asked, for read-only work that must not block writers", () => {
    temp.db.transaction(
      (tx) => {
        tx.select().from(settings).get();
        other.update(settings).set({ profileTitle: "Other" }).run();
      },
      { behavior: "deferred" },
    );
    expect(title(temp.db)).toBe("Other");
  });
});
