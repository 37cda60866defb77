import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog, settings } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { CatalogCache } from "@/lib/subscription/catalog";
import { base64Header } from "@/lib/subscription/headers";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { updateSettings } from "./update-settings";

const DEFAULTS = { profileTitle: "Rotor", supportUrl: "", updateIntervalHours: "12", announce: "", remarkTemplate: "{HOST} · {USERNAME}" };

/** The field → message map a form would show for this input. */
function fieldErrors(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return Object.fromEntries((error.details.issues ?? []).map((issue) => [issue.field, issue.message]));
    throw error;
  }
  throw new Error("expected the input to be refused");
}

describe("updateSettings", () => {
  let temp: TempDb;
  beforeEach(() => {
    temp = createTempDb();
  });
  afterEach(() => temp.close());

  const row = () => temp.db.select().from(settings).where(eq(settings.id, 1)).get()!;
  const audits = () => temp.db.select().from(auditLog).all();
  const save = (fields: Partial<Record<keyof typeof DEFAULTS | "version", unknown>>) => updateSettings(temp.db, { ...DEFAULTS, ...fields }, { actor: "admin:ann" });

  it("saves the changed fields, bumps the version and audits exactly what changed", () => {
    const before = row().version;
    const result = save({ profileTitle: "  Ротор VPN ", updateIntervalHours: "6", announce: "line one\r\nline two" });
    expect(result.changed).toEqual(["profileTitle", "updateIntervalHours", "announce"]);
    expect(row()).toMatchObject({ profileTitle: "Ротор VPN", updateIntervalHours: 6, announce: "line one\nline two", version: before + 1 });
    expect(audits()).toEqual([
      expect.objectContaining({
        actor: "admin:ann",
        action: "settings.update",
        target: "settings",
        details: {
          changes: {
            profileTitle: { from: "Rotor", to: "Ротор VPN" },
            updateIntervalHours: { from: 12, to: 6 },
            announce: { from: "", to: "line one\nline two" },
          },
        },
      }),
    ]);
  });

  it("writes nothing for a save that changes nothing, so ETags stay put", () => {
    const before = row().version;
    expect(save({}).changed).toEqual([]);
    expect(row().version).toBe(before);
    expect(audits()).toEqual([]);
  });

  it("refuses a save over a newer change made since the form was loaded", () => {
    const loaded = row().version;
    save({ profileTitle: "First" });
    expect(() => save({ profileTitle: "Second", version: String(loaded) })).toThrow(expect.objectContaining({ code: "conflict" }));
    expect(row().profileTitle).toBe("First");
    expect(save({ profileTitle: "Second", version: String(loaded + 1) }).changed).toEqual(["profileTitle"]);
  });

  it("answers every bad field with a message for the form", () => {
    expect(
      fieldErrors(() => save({ profileTitle: " ", supportUrl: "ftp://files.example.com", updateIntervalHours: "0", announce: "x".repeat(201), remarkTemplate: "{USERNAME}" })),
    ).toEqual({
      profileTitle: "is required",
      supportUrl: "must be an http:// or https:// URL, or empty",
      updateIntervalHours: "must be between 1 and 168 hours",
      announce: "must be at most 200 characters (the announce header's limit)",
      remarkTemplate: "must contain {HOST}, so each server is told apart",
    });
    expect(fieldErrors(() => save({ updateIntervalHours: "169" }))).toEqual({ updateIntervalHours: "must be between 1 and 168 hours" });
    expect(fieldErrors(() => save({ updateIntervalHours: "1.5" }))).toEqual({ updateIntervalHours: "must be a whole number of hours" });
    expect(fieldErrors(() => save({ updateIntervalHours: "soon" }))).toEqual({ updateIntervalHours: "must be a whole number of hours" });
    expect(fieldErrors(() => save({ supportUrl: "t.me/support" }))).toEqual({ supportUrl: "must be an http:// or https:// URL, or empty" });
    expect(fieldErrors(() => save({ remarkTemplate: "{HOST} {host}" }))).toEqual({ remarkTemplate: "{host} is not a placeholder; use {HOST}, {USERNAME}, {TRANSPORT}" });
    expect(fieldErrors(() => save({ remarkTemplate: "{HOST} 100%25" }))).toEqual({
      remarkTemplate: "must not contain % followed by two hex digits (some clients decode remarks twice)",
    });
    expect(fieldErrors(() => save({ profileTitle: "two\nlines" }))).toEqual({ profileTitle: "must be one line" });
    expect(row().version).toBe(1);
  });

  it("accepts the edges of every range", () => {
    expect(save({ supportUrl: "https://t.me/rotor_support", updateIntervalHours: "168", announce: "é".repeat(200), remarkTemplate: "{HOST}" }).changed).toHaveLength(4);
    expect(save({ updateIntervalHours: 1 }).changed).toEqual(["supportUrl", "updateIntervalHours", "announce", "remarkTemplate"]);
    expect(row()).toMatchObject({ supportUrl: "", updateIntervalHours: 1, remarkTemplate: "{HOST} · {USERNAME}" });
  });

  it("reaches the subscription catalog of this process at once, not at the next data_version poll", () => {
    // A poll far in the future: only the save's own notice can make the cache reload.
    const cache = new CatalogCache(temp.db, 3_600_000);
    try {
      expect(cache.get().settings.profileTitle).toBe("Rotor");
      save({ profileTitle: "Renamed", supportUrl: "https://help.example.com" });
      const catalog = cache.get();
      expect(catalog.settings).toMatchObject({ profileTitle: "Renamed", version: 2 });
      expect(catalog.profileHeaders).toMatchObject({ "profile-title": base64Header("Renamed"), "support-url": "https://help.example.com/" });
    } finally {
      cache.stop();
    }
  });
});
