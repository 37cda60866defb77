import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CatalogCache } from "@/lib/subscription/catalog";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { moveUaRule } from "./move-ua-rule";
import { createUaRule } from "./save-ua-rule";
import { BROWSER_ACCEPT, testUserAgent } from "./test-user-agent";

const AGENTS = [
  "HiddifyNext/2.5.7 (android) like ClashMeta v2ray sing-box",
  "NekoBox/Android/1.3.6 (Prefer ClashMeta Format)",
  "clash-verge/v2.2.3",
  "Clash/1.18.0",
  "v2rayNG/1.9.45",
  "  sfa/1.11.4 (460; sing-box 1.11.4)",
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36",
  "RotorTestClient/1.0",
  "curl/8.5.0",
  "",
];

describe("testUserAgent", () => {
  let temp: TempDb;
  beforeEach(() => {
    temp = createTempDb();
  });
  afterEach(() => temp.close());

  const test = (userAgent: string, acceptsHtml = false) => testUserAgent(temp.db, { userAgent, acceptsHtml });

  it("names the rule that matched, or the fallback taken", () => {
    expect(test("HiddifyNext/2.5.7 like ClashMeta")).toEqual({ format: "singbox", by: "rule", rule: { id: expect.any(Number), position: 1, prefix: "HiddifyNext" } });
    expect(test("curl/8.5.0")).toEqual({ format: "base64", by: "default", rule: null });
    expect(test("curl/8.5.0", true)).toEqual({ format: "html", by: "accept-html", rule: null });
    expect(test("v2rayNG/1.9.45", true)).toMatchObject({ format: "base64", by: "rule", rule: { prefix: "v2rayNG" } });
  });

  it("never disagrees with the detector /sub uses, before and after the rules change", () => {
    const cache = new CatalogCache(temp.db, 3_600_000);
    const agree = () => {
      for (const userAgent of AGENTS) {
        for (const acceptsHtml of [false, true]) {
          const sub = cache.get().detector.detect(userAgent, acceptsHtml ? BROWSER_ACCEPT : "*/*");
          expect(test(userAgent, acceptsHtml).format, `${userAgent} ${acceptsHtml}`).toBe(sub);
        }
      }
    };
    try {
      agree();
      const rule = createUaRule(temp.db, { prefix: "RotorTestClient", format: "clash", placement: "last" }, { actor: "test" });
      expect(test("RotorTestClient/1.0")).toMatchObject({ format: "clash", rule: { id: rule.id, prefix: "RotorTestClient" } });
      agree();
      // A general rule moved above a specific one takes its User-Agents: both say so.
      const general = createUaRule(temp.db, { prefix: "Hid", format: "xray", placement: "last" }, { actor: "test" });
      while (test("HiddifyNext/2.5.7").rule?.id !== general.id) moveUaRule(temp.db, { id: general.id, direction: "up" }, { actor: "test" });
      expect(cache.get().detector.detect("HiddifyNext/2.5.7", null)).toBe("xray");
      agree();
    } finally {
      cache.stop();
    }
  });

  it("refuses a User-Agent no client would send", () => {
    expect(() => test("x".repeat(1001))).toThrow("userAgent: must be at most 1000 characters");
  });
});
