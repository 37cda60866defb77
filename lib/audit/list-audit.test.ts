import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { formatAuditCursor, listAudit, parseAuditQuery, type AuditPage } from "./list-audit";

const T0 = Date.parse("2026-05-01T12:00:00Z");

describe("listAudit", () => {
  let temp: TempDb;
  beforeEach(() => {
    temp = createTempDb();
    // 25 entries a minute apart, plus two sharing one millisecond (ordered by id then).
    const rows = Array.from({ length: 25 }, (_, index) => ({
      at: new Date(T0 + index * 60_000),
      actor: index % 2 === 0 ? "admin:ann" : "cli",
      action: index % 3 === 0 ? "user.create" : index % 3 === 1 ? "host.rotate" : "ua_rule.move",
      target: `user:${index}`,
      details: { index },
    }));
    rows.push({ at: new Date(T0 + 24 * 60_000), actor: "api:ci", action: "user.update", target: "user:24", details: { index: 25 } });
    temp.db.insert(auditLog).values(rows).run();
  });
  afterEach(() => temp.close());

  const indexes = (page: AuditPage) => page.entries.map((entry) => entry.details.index);

  it("lists newest first, ties in one millisecond by id", () => {
    const page = listAudit(temp.db, { limit: 4 });
    expect(indexes(page)).toEqual([25, 24, 23, 22]);
    expect(page.newer).toBeNull();
    expect(page.older).toEqual({ at: T0 + 22 * 60_000, id: 23 });
  });

  it("walks every entry exactly once by keyset, older and back newer", () => {
    const seen: unknown[] = [];
    const pages: AuditPage[] = [];
    let page = listAudit(temp.db, { limit: 7 });
    for (;;) {
      pages.push(page);
      seen.push(...indexes(page));
      if (!page.older) break;
      page = listAudit(temp.db, { limit: 7, before: page.older });
    }
    expect(seen).toEqual([25, ...Array.from({ length: 25 }, (_, index) => 24 - index)]);
    expect(pages.map((each) => each.entries.length)).toEqual([7, 7, 7, 5]);
    expect(pages.at(-1)!.older).toBeNull();

    // Newer from the last page gives the page before it, and so on up to the first page.
    const back = listAudit(temp.db, { limit: 7, after: pages[3]!.newer! });
    expect(indexes(back)).toEqual(indexes(pages[2]!));
    expect(back.older).toEqual(pages[2]!.older);
    const top = listAudit(temp.db, { limit: 7, after: listAudit(temp.db, { limit: 7, after: back.newer! }).newer! });
    expect(indexes(top)).toEqual(indexes(pages[0]!));
    expect(top.newer).toBeNull();
  });

  it("is not shifted by entries written while someone pages", () => {
    const first = listAudit(temp.db, { limit: 5 });
    temp.db.insert(auditLog).values({ at: new Date(T0 + 99 * 60_000), actor: "cli", action: "user.delete", target: "user:99", details: { index: 99 } }).run();
    expect(indexes(listAudit(temp.db, { limit: 5, before: first.older! }))).toEqual([20, 19, 18, 17, 16]);
  });

  it("filters by exact actor, action prefix, exact target and time range, and combines them", () => {
    expect(indexes(listAudit(temp.db, { filters: { actor: "api:ci" } }))).toEqual([25]);
    expect(indexes(listAudit(temp.db, { filters: { action: "user." } }))).toEqual([25, 24, 21, 18, 15, 12, 9, 6, 3, 0]);
    expect(indexes(listAudit(temp.db, { filters: { action: "user.cr", actor: "admin:ann" } }))).toEqual([24, 18, 12, 6, 0]);
    expect(indexes(listAudit(temp.db, { filters: { action: "ua_" } })).length).toBe(8);
    // "_" and "%" are not wildcards, and "user:1" is not "user:10".
    expect(indexes(listAudit(temp.db, { filters: { action: "ua%" } }))).toEqual([]);
    expect(indexes(listAudit(temp.db, { filters: { target: "user:1" } }))).toEqual([1]);
    expect(indexes(listAudit(temp.db, { filters: { from: new Date(T0 + 20 * 60_000), to: new Date(T0 + 22 * 60_000) } }))).toEqual([22, 21, 20]);
  });

  it("pages within a filter, and says when nothing lies beyond", () => {
    const first = listAudit(temp.db, { filters: { action: "user." }, limit: 4 });
    expect(indexes(first)).toEqual([25, 24, 21, 18]);
    const second = listAudit(temp.db, { filters: { action: "user." }, limit: 4, before: first.older! });
    expect(indexes(second)).toEqual([15, 12, 9, 6]);
    const third = listAudit(temp.db, { filters: { action: "user." }, limit: 4, before: second.older! });
    expect(indexes(third)).toEqual([3, 0]);
    expect(third.older).toBeNull();
    expect(third.newer).not.toBeNull();
    expect(listAudit(temp.db, { filters: { actor: "nobody" } })).toEqual({ entries: [], older: null, newer: null });
  });
});

describe("parseAuditQuery", () => {
  it("reads filters and cursors from the URL, times as UTC, 'until' through the end of its minute", () => {
    expect(
      parseAuditQuery({ actor: " admin:ann ", action: "user.", target: "", from: "2026-05-01T12:00", to: "2026-05-01T12:30", before: formatAuditCursor({ at: T0, id: 7 }), extra: "x" }),
    ).toEqual({
      filters: { actor: "admin:ann", action: "user.", target: undefined, from: new Date("2026-05-01T12:00:00.000Z"), to: new Date("2026-05-01T12:30:59.999Z") },
      before: { at: T0, id: 7 },
      after: undefined,
    });
    expect(parseAuditQuery({ to: "2026-05-01T12:30:15", action: ["host.", "user."] }).filters).toMatchObject({ to: new Date("2026-05-01T12:30:15.999Z"), action: "host." });
  });

  it("refuses values that are not dates or cursors, naming the field", () => {
    const refusal = (query: Record<string, string>) => {
      try {
        parseAuditQuery(query);
      } catch (error) {
        if (error instanceof AppError) return error.details.issues;
      }
      return undefined;
    };
    expect(refusal({ from: "yesterday" })).toEqual([{ field: "from", message: "must be a date and time, YYYY-MM-DDTHH:mm (UTC)" }]);
    expect(refusal({ to: "2026-02-30T10:00" })).toEqual([{ field: "to", message: "is not a real date and time" }]);
    expect(refusal({ before: "abc" })).toEqual([{ field: "before", message: "is not a page of this log" }]);
  });
});
