import { describe, expect, it } from "vitest";
import { DEFAULT_REMARK_TEMPLATE, renderRemark, uniqueRemarks } from "./remarks";

describe("remarks", () => {
  it("fills the default template", () => {
    expect(renderRemark(DEFAULT_REMARK_TEMPLATE, { host: "Frankfurt", username: "alice", transport: "ws" })).toBe("Frankfurt · alice");
  });

  it("fills every placeholder wherever it appears", () => {
    expect(renderRemark("{HOST}/{TRANSPORT} {HOST}", { host: "de", username: "bob", transport: "grpc" })).toBe("de/grpc de");
  });

  it("suffixes repeats so every remark in a profile is unique", () => {
    expect(uniqueRemarks(["de", "de", "nl", "de", ""])).toEqual(["de", "de 2", "nl", "de 3", "host"]);
  });
});
