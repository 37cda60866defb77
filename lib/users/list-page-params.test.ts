import { describe, expect, it } from "vitest";
import { parseUsersPageParams, sortHref, usersPageHref, usersPageQuery } from "./list-page-params";

describe("users list URL", () => {
  it("reads the defaults from a bare URL", () => {
    expect(parseUsersPageParams({})).toEqual({ search: "", status: undefined, sort: "created", order: "desc", page: 1 });
  });

  it("reads every param, and falls back to the default for a bad one", () => {
    expect(parseUsersPageParams({ search: " bob ", status: "limited", sort: "used", order: "asc", page: "3" })).toEqual({
      search: "bob",
      status: "limited",
      sort: "used",
      order: "asc",
      page: 3,
    });
    expect(parseUsersPageParams({ status: "banned", sort: "password", order: "up", page: "-2", search: "x".repeat(65) })).toEqual(parseUsersPageParams({}));
    expect(parseUsersPageParams({ page: ["2", "5"], sort: "username" })).toMatchObject({ page: 2, sort: "username", order: "asc" });
  });

  it("builds short URLs that read back to the same state", () => {
    const params = parseUsersPageParams({ search: "a b", status: "expired", sort: "expires", page: "4" });
    const href = usersPageHref(params);
    expect(href).toBe("/users?search=a+b&status=expired&sort=expires&order=asc&page=4");
    expect(parseUsersPageParams(Object.fromEntries(new URL(href, "http://x").searchParams))).toEqual(params);
    expect(usersPageHref(parseUsersPageParams({}))).toBe("/users");
  });

  it("flips the order of the current sort column and starts others at their first order, on page 1", () => {
    const params = parseUsersPageParams({ sort: "used", order: "desc", page: "3" });
    expect(sortHref(params, "used")).toBe("/users?sort=used&order=asc");
    expect(sortHref(params, "username")).toBe("/users?sort=username&order=asc");
    expect(sortHref(params, "created")).toBe("/users");
  });

  it("turns a page number into limit and offset", () => {
    expect(usersPageQuery(parseUsersPageParams({ page: "3" }))).toMatchObject({ limit: 50, offset: 100 });
  });
});
