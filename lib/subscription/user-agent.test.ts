import { describe, expect, it } from "vitest";
import { createTempDb } from "@/test/support/temp-db";
import { userAgentRules } from "@/lib/db/schema";
import { asc } from "drizzle-orm";
import { createFormatDetector, type UserAgentRule } from "./user-agent";

/** The rules as the seed migration writes them, read back from a migrated database. */
function seededRules(): UserAgentRule[] {
  const temp = createTempDb();
  try {
    return temp.db.select({ prefix: userAgentRules.prefix, format: userAgentRules.format }).from(userAgentRules).orderBy(asc(userAgentRules.position)).all();
  } finally {
    temp.close();
  }
}

const detector = createFormatDetector(seededRules());

describe("format by User-Agent (formats.md table, seeded rules)", () => {
  it.each([
    ["HiddifyNext/2.5.7 (android) like ClashMeta v2ray sing-box", "singbox"],
    ["Hiddify/2.0.5 (windows) like ClashMeta v2ray sing-box", "singbox"],
    ["SFA/1.11.4 (460; sing-box 1.11.4; language en_US)", "singbox"],
    ["SFI/1.10.1 (Build 2; sing-box 1.10.1; language en)", "singbox"],
    ["SFM/1.12.0 (Build 1; sing-box 1.12.0)", "singbox"],
    ["SFT/1.12.0 (Build 1; sing-box 1.12.0)", "singbox"],
    ["sing-box 1.12.3", "singbox"],
    ["karing/1.1.2.606 android", "singbox"],
    ["NekoBox/Android/1.3.6 (Prefer ClashMeta Format)", "clash"],
    ["ClashMetaForAndroid/2.11.1.Meta", "clash"],
    ["clash-verge/v2.2.3", "clash"],
    ["clash.meta/v1.19.0", "clash"],
    ["ClashX Meta/v1.4.5 (com.metacubex.ClashX.meta; build:1.4.5; macOS 14.5.0) Alamofire/5.9.1", "clash"],
    ["FlClash/v0.8.80 clash-verge Platform/android", "clash"],
    ["mihomo/1.19.2", "clash"],
    ["Stash/2.4.7 Clash/1.9.0", "clash"],
    ["clash-nyanpasu/v1.6.1", "clash"],
    ["ClashforWindows/0.20.39", "clash"],
    ["Clash/1.18.0", "clash"],
    ["v2rayNG/1.9.45", "base64"],
    ["v2rayN/7.10.5", "base64"],
    ["Happ/3.3.1", "base64"],
    ["Streisand/1.6.31 CFNetwork/1568.200.51 Darwin/24.1.0", "base64"],
    ["V2Box 9.5.1", "base64"],
    ["FoXray/4.2.1 CFNetwork/1568.200.51 Darwin/24.1.0", "base64"],
    ["Shadowrocket/2070 CFNetwork/1568.200.51 Darwin/24.1.0 iPhone15,2", "base64"],
    ["NapsternetV/59", "base64"],
    ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "html"],
    ["curl/8.5.0", "base64"],
    ["", "base64"],
  ])("%j → %s", (userAgent, format) => {
    expect(detector.detect(userAgent, "*/*")).toBe(format);
  });

  it("is case-insensitive and anchored at the start", () => {
    expect(detector.detect("HIDDIFYNEXT/2.5.7", null)).toBe("singbox");
    expect(detector.detect("MyApp/1.0 (like v2rayNG)", null)).toBe("base64");
    expect(detector.detect("MyApp/1.0 ClashMeta", null)).toBe("base64");
  });

  it("gives html to anything that asks for text/html, and base64 to everything else", () => {
    expect(detector.detect("Lynx/2.9.0", "text/html,application/xhtml+xml")).toBe("html");
    expect(detector.detect(null, null)).toBe("base64");
  });

  it("takes the first matching rule, so admins can put their own above the defaults", () => {
    const custom = createFormatDetector([{ prefix: "v2rayN/7", format: "xray" }, ...seededRules()]);
    expect(custom.detect("v2rayN/7.10.5", null)).toBe("xray");
    expect(custom.detect("v2rayN/6.45", null)).toBe("base64");
  });
});

