import { describe, expect, it } from "vitest";
import { clientName } from "./client-name";

describe("clientName", () => {
  it.each([
    ["v2rayNG/1.9.45 (Linux; Android 14)", "v2rayNG/1.9.45"],
    ["  mihomo/1.18  ", "mihomo/1.18"],
    ["", "unknown client"],
    [null, "unknown client"],
  ])("names %j as %j", (userAgent, name) => {
    expect(clientName(userAgent)).toBe(name);
  });
});
