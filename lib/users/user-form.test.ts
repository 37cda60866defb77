import { describe, expect, it } from "vitest";
import { syncRefusalOf } from "@/test/support/refusal";
import { beforeFieldName, bulkFormInput, dateFieldText, durationFieldText, parseCreateUserForm, parseUserPatchForm, sizeFieldText } from "./user-form";

const form = (entries: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries)) for (const item of [value].flat()) data.append(name, item);
  return data;
};
const issues = (run: () => unknown) => syncRefusalOf(run).issues;

describe("parseCreateUserForm", () => {
  it("turns sizes and dates into bytes and the end of the day, empty into unlimited and never", () => {
    expect(parseCreateUserForm(form({ username: " alice ", dataLimitBytes: "50GB", resetStrategy: "monthly", expiresAt: "2026-12-31", note: "vip" }))).toEqual({
      username: "alice",
      dataLimitBytes: 50e9,
      resetStrategy: "monthly",
      expiresAt: new Date("2026-12-31T23:59:59Z"),
      onHoldSeconds: null,
      note: "vip",
    });
    expect(parseCreateUserForm(form({ username: "bob", dataLimitBytes: " ", expiresAt: "" }))).toEqual({
      username: "bob",
      dataLimitBytes: null,
      resetStrategy: "none",
      expiresAt: null,
      onHoldSeconds: null,
      note: "",
    });
    expect(parseCreateUserForm(form({ username: "carol", onHoldSeconds: "30d" }))).toMatchObject({ expiresAt: null, onHoldSeconds: 2_592_000 });
  });

  it("reports every bad field at once, under the field's name", () => {
    expect(
      issues(() => parseCreateUserForm(form({ username: "a b", dataLimitBytes: "lots", resetStrategy: "yearly", expiresAt: "2026-02-30", onHoldSeconds: "soon", note: "x".repeat(501) }))),
    ).toEqual([
      { field: "username", message: "may hold letters, digits, '_', '.' and '-', starting with a letter or digit" },
      { field: "dataLimitBytes", message: "must be a size like 50GB or 500MiB (empty = unlimited)" },
      { field: "resetStrategy", message: "must be one of none, daily, weekly, monthly" },
      { field: "expiresAt", message: "must be a date like 2026-12-31 (empty = never)" },
      { field: "onHoldSeconds", message: "must be a duration like 30d or 12h (empty = not on hold)" },
      { field: "note", message: "must be at most 500 characters" },
    ]);
    expect(issues(() => parseCreateUserForm(form({ username: "carol", dataLimitBytes: "0" })))).toEqual([
      { field: "dataLimitBytes", message: "must be more than 0 (leave it empty for unlimited)" },
    ]);
  });
});

describe("parseUserPatchForm", () => {
  const before = (fields: Record<string, string>) => Object.fromEntries(Object.entries(fields).map(([name, value]) => [beforeFieldName(name as never), value]));

  it("keeps only the fields whose text the admin changed", () => {
    const initial = { username: "alice", dataLimitBytes: "50GB", expiresAt: "2026-12-31", note: "vip" };
    expect(parseUserPatchForm(form({ ...initial, ...before(initial) }))).toEqual({});
    expect(parseUserPatchForm(form({ ...initial, dataLimitBytes: "", note: "regular", ...before(initial) }))).toEqual({ dataLimitBytes: null, note: "regular" });
  });

  it("validates the changed fields", () => {
    expect(issues(() => parseUserPatchForm(form({ username: "-xyz", ...before({ username: "alice" }) })))).toMatchObject([{ field: "username" }]);
  });
});

describe("bulkFormInput", () => {
  it("collects the checked ids, the pressed button and the days", () => {
    expect(bulkFormInput(form({ ids: ["3", "7"], intent: "extend", days: "30" }))).toEqual({ action: "extend", ids: ["3", "7"], days: "30" });
    expect(bulkFormInput(form({}))).toEqual({ action: undefined, ids: [], days: undefined });
  });
});

describe("field texts", () => {
  it.each([
    [null, ""],
    [50e9, "50GB"],
    [1_500_000, "1.5MB"],
    [2 ** 30, "1073741824"],
  ])("shows a limit of %s bytes as %j", (bytes, text) => {
    expect(sizeFieldText(bytes)).toBe(text);
  });

  it("shows a hold as a duration", () => {
    expect(durationFieldText(2_592_000)).toBe("30d");
    expect(durationFieldText(null)).toBe("");
  });

  it("shows an expiry as its UTC day", () => {
    expect(dateFieldText(new Date("2026-12-31T23:59:59Z"))).toBe("2026-12-31");
    expect(dateFieldText(null)).toBe("");
  });
});
