import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { apiTokens } from "@/lib/db/schema";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { authenticateApiToken } from "./api-auth";
import { createApiToken, listApiTokens, revokeApiToken } from "./api-tokens";

describe("authenticateApiToken", () => {
  let temp: TempDb;
  let readToken: string;
  let adminToken: string;

  beforeEach(() => {
    temp = createTempDb();
    readToken = createApiToken(temp.db, { name: "reader", scopes: ["read"] }, { actor: "test" }).token;
    adminToken = createApiToken(temp.db, { name: "root", scopes: ["admin"] }, { actor: "test" }).token;
  });
  afterEach(() => temp.close());

  it("accepts a live token carrying the scope and records its use", () => {
    expect(authenticateApiToken(temp.db, `Bearer ${readToken}`, "read")).toMatchObject({ name: "reader", scopes: ["read"] });
    expect(temp.db.select().from(apiTokens).where(eq(apiTokens.name, "reader")).get()?.lastUsedAt).toBeInstanceOf(Date);
  });

  it("lets the admin scope stand for every scope", () => {
    expect(authenticateApiToken(temp.db, `bearer ${adminToken}`, "rotate").name).toBe("root");
  });

  it.each([
    [null, "unauthorized"],
    ["", "unauthorized"],
    ["Basic dXNlcjpwYXNz", "unauthorized"],
    ["Bearer", "unauthorized"],
    ["Bearer rtr_not-a-real-token", "unauthorized"],
  ])("refuses authorization %j with %s", (header, code) => {
    expect(() => authenticateApiToken(temp.db, header, "read")).toThrow(expect.objectContaining({ code, status: 401 }));
  });

  it("refuses a token without the scope (403) and a revoked one (401)", () => {
    expect(() => authenticateApiToken(temp.db, `Bearer ${readToken}`, "rotate")).toThrow(
      expect.objectContaining({ code: "forbidden", message: "the API token lacks the 'rotate' scope" }),
    );
    temp.db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.name, "reader")).run();
    expect(() => authenticateApiToken(temp.db, `Bearer ${readToken}`, "read")).toThrow(expect.objectContaining({ code: "unauthorized" }));
  });
});

describe("API token listing and revocation", () => {
  it("lists live tokens first without the token, and a revoked token is refused", () => {
    const temp = createTempDb();
    try {
      const first = createApiToken(temp.db, { name: "first", scopes: ["read"] }, { actor: "cli" });
      const second = createApiToken(temp.db, { name: "second", scopes: ["rotate"] }, { actor: "cli" });
      revokeApiToken(temp.db, { tokenId: first.id }, { actor: "admin:root" });
      const listed = listApiTokens(temp.db);
      expect(listed.map((token) => [token.name, token.revokedAt === null])).toEqual([["second", true], ["first", false]]);
      expect(JSON.stringify(listed)).not.toContain(second.token);
      expect(() => authenticateApiToken(temp.db, `Bearer ${first.token}`, "read")).toThrow(/unknown or revoked/);
      expect(() => revokeApiToken(temp.db, { tokenId: first.id }, { actor: "admin:root" })).toThrow(/no live API token/);
    } finally {
      temp.close();
    }
  });
});
