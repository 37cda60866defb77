import { describe, expect, it } from "vitest";
import { shortGraceHosts } from "./short-grace";

describe("shortGraceHosts", () => {
  const hosts = [
    { name: "day", graceSeconds: 86_400 },
    { name: "week", graceSeconds: 7 * 86_400 },
  ];

  it("names the hosts whose grace is under twice the interval", () => {
    expect(shortGraceHosts(hosts, 12)).toEqual([]);
    expect(shortGraceHosts(hosts, 13).map((host) => host.name)).toEqual(["day"]);
    expect(shortGraceHosts(hosts, 168).map((host) => host.name)).toEqual(["day", "week"]);
  });

  it("says nothing about an interval that is not one yet", () => {
    expect(shortGraceHosts(hosts, Number.NaN)).toEqual([]);
    expect(shortGraceHosts(hosts, 0)).toEqual([]);
  });
});
