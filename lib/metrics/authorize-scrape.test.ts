import { describe, expect, it } from "vitest";
import { syncRefusalOf } from "@/test/support/refusal";
import { authorizeScrape } from "./authorize-scrape";

const TOKEN = "metrics-token-0123456789";

describe("authorizeScrape", () => {
  it("allows every scrape when no token is configured", () => {
    expect(() => authorizeScrape(null, undefined)).not.toThrow();
    expect(() => authorizeScrape("Bearer anything", undefined)).not.toThrow();
  });

  it.each([["Bearer metrics-token-0123456789"], ["bearer metrics-token-0123456789"], ["Bearer  metrics-token-0123456789 "]])(
    "allows %j",
    (header) => {
      expect(() => authorizeScrape(header, TOKEN)).not.toThrow();
    },
  );

  it.each([[null], [""], ["Bearer"], ["Bearer wrong"], [`Bearer ${TOKEN}x`], [`Basic ${TOKEN}`], [TOKEN], [`Bearer ${TOKEN} extra`]])(
    "refuses %j as unauthorized",
    (header) => {
      expect(syncRefusalOf(() => authorizeScrape(header, TOKEN)).code).toBe("unauthorized");
    },
  );
});
