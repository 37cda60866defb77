import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog, userAgentRules } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { CatalogCache } from "@/lib/subscription/catalog";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { deleteUaRule } from "./delete-ua-rule";
import { moveUaRule } from "./move-ua-rule";
import { createUaRule, updateUaRule } from "./save-ua-rule";
import { listUaRules } from "./ua-rules";

const actor = { actor: "admin:ann" };

describe("User-Agent rules", () => {
  let temp: TempDb;
  beforeEach(() => {
    temp = createTempDb();
  });
  afterEach(() => temp.close());

  const rows = () => temp.db.select().from(userAgentRules).orderBy(asc(userAgentRules.position)).all();
  const prefixes = () => rows().map((rule) => rule.prefix);
  const positions = () => rows().map((rule) => rule.position);
  const contiguous = () => Array.from({ length: rows().length }, (_, index) => index + 1);
  const idOf = (prefix: string) => rows().find((rule) => rule.prefix === prefix)!.id;
  const audits = () => temp.db.select({ action: auditLog.action, target: auditLog.target, details: auditLog.details }).from(auditLog).all();
  const issue = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (error instanceof AppError) return { code: error.code, fields: Object.fromEntries((error.details.issues ?? []).map((entry) => [entry.field, entry.message])) };
      throw error;
    }
    throw new Error("expected a refusal");
  };

  it("lists the seeded rules of formats.md in order, positions 1..n", () => {
    const listed = listUaRules(temp.db);
    expect(listed.slice(0, 2).map((rule) => [rule.position, rule.prefix, rule.format])).toEqual([[1, "HiddifyNext", "singbox"], [2, "Hiddify", "singbox"]]);
    expect(listed.map((rule) => rule.position)).toEqual(contiguous());
    expect(listed.every((rule) => rule.shadowedBy === null)).toBe(true);
  });

  it("adds a rule first or last, keeping positions contiguous, and audits it", () => {
    const count = rows().length;
    const first = createUaRule(temp.db, { prefix: " RotorTest ", format: "clash", note: "ours" }, actor);
    expect(first).toMatchObject({ prefix: "RotorTest", format: "clash", note: "ours", position: 1 });
    const last = createUaRule(temp.db, { prefix: "Zeta", format: "xray", placement: "last" }, actor);
    expect(last.position).toBe(count + 2);
    expect(prefixes()[0]).toBe("RotorTest");
    expect(prefixes().at(-1)).toBe("Zeta");
    expect(positions()).toEqual(contiguous());
    expect(audits()).toEqual([
      { action: "ua_rule.create", target: `ua_rule:${first.id}`, details: { prefix: "RotorTest", format: "clash", note: "ours", position: 1 } },
      { action: "ua_rule.create", target: `ua_rule:${last.id}`, details: { prefix: "Zeta", format: "xray", note: "", position: count + 2 } },
    ]);
  });

  it("refuses duplicates ignoring case, on create and on edit", () => {
    expect(issue(() => createUaRule(temp.db, { prefix: "hiddifynext", format: "clash" }, actor))).toEqual({
      code: "conflict",
      fields: { prefix: 'is already a rule ("HiddifyNext")' },
    });
    const own = createUaRule(temp.db, { prefix: "Own", format: "clash" }, actor);
    expect(issue(() => updateUaRule(temp.db, { id: own.id, prefix: "V2BOX", format: "clash" }, actor)).fields).toEqual({ prefix: 'is already a rule ("V2Box")' });
    // Its own prefix in another case is no duplicate.
    expect(updateUaRule(temp.db, { id: own.id, prefix: "OWN", format: "clash" }, actor).prefix).toBe("OWN");
  });

  it("validates prefix, format and note", () => {
    expect(issue(() => createUaRule(temp.db, { prefix: "  ", format: "yaml", note: "n".repeat(201) }, actor))).toEqual({
      code: "invalid_request",
      fields: {
        prefix: "is required",
        format: "must be one of base64, links, clash, singbox, xray, html",
        note: "must be at most 200 characters",
      },
    });
    expect(issue(() => createUaRule(temp.db, { prefix: "x".repeat(101), format: "clash" }, actor)).fields).toEqual({ prefix: "must be at most 100 characters" });
    expect(issue(() => createUaRule(temp.db, { prefix: "Клиент", format: "clash" }, actor)).fields).toEqual({ prefix: "must be printable ASCII, as User-Agent headers are" });
    expect(createUaRule(temp.db, { prefix: "x".repeat(100), format: "clash" }, actor).prefix).toHaveLength(100);
  });

  it("edits a rule in place and audits only what changed", () => {
    const id = idOf("Happ");
    const position = rows().find((rule) => rule.id === id)!.position;
    updateUaRule(temp.db, { id, prefix: "Happ", format: "xray", note: "Happ imports Xray arrays" }, actor);
    expect(rows().find((rule) => rule.id === id)).toMatchObject({ prefix: "Happ", format: "xray", note: "Happ imports Xray arrays", position });
    expect(audits()).toEqual([
      { action: "ua_rule.update", target: `ua_rule:${id}`, details: { prefix: "Happ", changes: { format: { from: "base64", to: "xray" }, note: { from: "", to: "Happ imports Xray arrays" } } } },
    ]);
    updateUaRule(temp.db, { id, prefix: "Happ", format: "xray", note: "Happ imports Xray arrays" }, actor);
    expect(audits()).toHaveLength(1);
  });

  it("moves a rule up and down by swapping neighbours, refusing to leave the list", () => {
    const before = prefixes();
    const id = idOf("Hiddify");
    expect(moveUaRule(temp.db, { id, direction: "up" }, actor)).toBe(1);
    expect(prefixes().slice(0, 2)).toEqual(["Hiddify", "HiddifyNext"]);
    expect(positions()).toEqual(contiguous());
    expect(issue(() => moveUaRule(temp.db, { id, direction: "up" }, actor))).toEqual({ code: "invalid_request", fields: {} });
    expect(moveUaRule(temp.db, { id, direction: "down" }, actor)).toBe(2);
    expect(prefixes()).toEqual(before);
    const last = idOf(before.at(-1)!);
    expect(issue(() => moveUaRule(temp.db, { id: last, direction: "down" }, actor)).code).toBe("invalid_request");
    expect(audits().map((entry) => entry.details)).toEqual([
      { prefix: "Hiddify", from: 2, to: 1 },
      { prefix: "Hiddify", from: 1, to: 2 },
    ]);
  });

  it("deletes a rule and closes the gap", () => {
    const id = idOf("SFM");
    const removed = deleteUaRule(temp.db, { id }, actor);
    expect(removed.prefix).toBe("SFM");
    expect(prefixes()).not.toContain("SFM");
    expect(positions()).toEqual(contiguous());
    expect(audits()).toEqual([{ action: "ua_rule.delete", target: `ua_rule:${id}`, details: { prefix: "SFM", format: "singbox", position: 5 } }]);
    expect(issue(() => deleteUaRule(temp.db, { id }, actor)).code).toBe("not_found");
  });

  it("repairs positions a gap left, whatever the mutation", () => {
    temp.db.update(userAgentRules).set({ position: 100 }).where(eq(userAgentRules.prefix, "Mozilla")).run();
    createUaRule(temp.db, { prefix: "Gap", format: "clash", placement: "last" }, actor);
    expect(positions()).toEqual(contiguous());
    expect(prefixes().slice(-2)).toEqual(["Mozilla", "Gap"]);
  });

  it("says which rules an earlier one leaves unreachable", () => {
    const late = createUaRule(temp.db, { prefix: "Clash Royale", format: "base64", placement: "last" }, actor);
    const shadowed = listUaRules(temp.db).find((rule) => rule.id === late.id)!;
    expect(shadowed.shadowedBy).toMatchObject({ prefix: "Clash" });
  });

  it("reaches this process's subscription catalog at once", () => {
    const cache = new CatalogCache(temp.db, 3_600_000);
    try {
      expect(cache.get().detector.detect("RotorTestClient/1.0", null)).toBe("base64");
      const rule = createUaRule(temp.db, { prefix: "RotorTestClient", format: "clash" }, actor);
      expect(cache.get().detector.detect("RotorTestClient/1.0", null)).toBe("clash");
      updateUaRule(temp.db, { id: rule.id, prefix: "RotorTestClient", format: "singbox" }, actor);
      expect(cache.get().detector.detect("RotorTestClient/1.0", null)).toBe("singbox");
      deleteUaRule(temp.db, { id: rule.id }, actor);
      expect(cache.get().detector.detect("RotorTestClient/1.0", null)).toBe("base64");
    } finally {
      cache.stop();
    }
  });
});
