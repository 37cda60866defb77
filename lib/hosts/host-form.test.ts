import { describe, expect, it } from "vitest";
import { syncRefusalOf } from "@/test/support/refusal";
import { graceWarning } from "./grace-warning";
import { hostFormValues, newHostFormValues, parseHostForm, readHostFormValues, type HostFormValues } from "./host-form";

const form = (values: Partial<HostFormValues> = {}): HostFormValues => ({
  ...newHostFormValues(),
  name: "de-1",
  address: "de1.example.com",
  ...values,
});

const issuesOf = (run: () => unknown) => syncRefusalOf(run).issues;

describe("host form", () => {
  it("starts a new host with createHostSchema's defaults, durations as text", () => {
    expect(newHostFormValues()).toMatchObject({
      name: "",
      port: "443",
      transport: "ws",
      security: "tls",
      fingerprint: "chrome",
      pathPrefix: "/",
      rotationIntervalSeconds: "6h",
      graceSeconds: "1d",
      announceSeconds: "10s",
      enabled: true,
    });
  });

  it("reads FormData as typed, an unchecked box as disabled, and round-trips a host", () => {
    const data = new FormData();
    data.set("name", "de-1");
    data.set("graceSeconds", "1d12h");
    expect(readHostFormValues(data)).toMatchObject({ name: "de-1", graceSeconds: "1d12h", sni: "", enabled: false });
    const parsed = parseHostForm(form({ port: "8443", rotationIntervalSeconds: "0", graceSeconds: "1d12h", announceSeconds: "30s" }));
    expect(parsed).toMatchObject({ port: 8443, rotationIntervalSeconds: 0, graceSeconds: 129_600, announceSeconds: 30, enabled: true });
    expect(hostFormValues({ ...parsed, sortOrder: 0 } as Parameters<typeof hostFormValues>[0])).toMatchObject({ port: "8443", rotationIntervalSeconds: "0s", graceSeconds: "1d12h" });
  });

  it("reports unreadable numbers together with the domain's problems in the other fields", () => {
    expect(issuesOf(() => parseHostForm(form({ name: "", port: "abc", graceSeconds: "soon", announceSeconds: "" })))).toEqual([
      { field: "port", message: "must be a whole number" },
      { field: "graceSeconds", message: "must be a duration like 90s, 30m, 6h or 1d12h" },
      { field: "announceSeconds", message: "is required" },
      { field: "name", message: "is required" },
    ]);
  });
});

describe("graceWarning", () => {
  it.each([
    [86_400, 12, false],
    [86_399, 12, true],
    [43_200, 6, false],
    [0, 1, true],
  ])("grace %ss with a %sh update interval warns: %s", (grace, hours, warns) => {
    expect(graceWarning(grace, hours) !== null).toBe(warns);
  });

  it("names both durations", () => {
    expect(graceWarning(43_200, 12)).toMatch(/^Grace 12h is shorter than twice the profile update interval \(2 × 12h = 1d\)/);
  });
});
